"""Routes of the documents' incoming pages."""

urlpatterns: list = []
