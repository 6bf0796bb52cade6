"""Routes of the documents' outgoing pages."""

urlpatterns: list = []
