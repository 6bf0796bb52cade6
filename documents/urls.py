"""Document pages, namespace ``documents``: the home with the user's worklists, a document's page, and
one module of routes per flow (outgoing, incoming, registers and search, work files)."""

from django.urls import path

from documents.web import pages, urls_files, urls_incoming, urls_outgoing, urls_registers

app_name = "documents"

urlpatterns = [
    path("", pages.home, name="home"),
    path("<uuid:uuid>/", pages.detail, name="detail"),
    *urls_outgoing.urlpatterns,
    *urls_incoming.urlpatterns,
    *urls_registers.urlpatterns,
    *urls_files.urlpatterns,
]
