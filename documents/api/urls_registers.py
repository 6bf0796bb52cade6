"""API routes of the documents' registers flow."""

urlpatterns: list = []
