"""API routes of the documents' incoming flow."""

urlpatterns: list = []
