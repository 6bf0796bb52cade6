"""API routes of the documents' outgoing flow."""

urlpatterns: list = []
