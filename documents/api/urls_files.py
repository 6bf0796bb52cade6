"""API routes of the documents' files flow."""

urlpatterns: list = []
