"""``/api/v1/documents/`` (namespace ``documents_api``): list, detail, and each flow's commands."""

from django.urls import path

from documents.api import urls_files, urls_incoming, urls_outgoing, urls_registers, views

app_name = "documents_api"

urlpatterns = [
    path("documents/", views.DocumentListView.as_view(), name="document-list"),
    path("documents/<uuid:uuid>/", views.DocumentDetailView.as_view(), name="document-detail"),
    *urls_outgoing.urlpatterns,
    *urls_incoming.urlpatterns,
    *urls_registers.urlpatterns,
    *urls_files.urlpatterns,
]
