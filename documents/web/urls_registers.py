"""Routes of the documents' registers pages."""

urlpatterns: list = []
