"""Routes of the documents' files pages."""

urlpatterns: list = []
