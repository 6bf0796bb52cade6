"""Routes of the outgoing pages: draft, revise, act on a document, its current PDF (for the page's frame; each
file by id is documents:file, in urls_files), the worklists."""

from django.urls import path

from documents.web import document_files, outgoing

urlpatterns: list = [
    path("outgoing/new/", outgoing.new, name="outgoing_new"),
    path("outgoing/list/<slug:key>/", outgoing.worklist, name="outgoing_list"),
    path("<uuid:uuid>/edit/", outgoing.edit, name="outgoing_edit"),
    path("<uuid:uuid>/outgoing/<slug:action>/", outgoing.act, name="outgoing_act"),
    path("<uuid:uuid>/pdf/", document_files.current_pdf, name="pdf"),
]
