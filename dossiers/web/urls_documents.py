from django.urls import path

from dossiers.web import documents

urlpatterns = [
    path("<uuid:uuid>/files/<int:file_id>/", documents.file_download, name="file"),
    path("<uuid:uuid>/files/<int:file_id>/view/", documents.file_view, name="file_view"),
    path("<uuid:uuid>/result/", documents.result_download, name="result"),
    path("<uuid:uuid>/result/view/", documents.result_view, name="result_view"),
    path("<uuid:uuid>/result-document/", documents.result_document_download, name="result_document"),
    path("<uuid:uuid>/result-document/view/", documents.result_document_view, name="result_document_view"),
    path("<uuid:uuid>/result-drafts/<int:draft_id>/", documents.draft_download, name="result_draft"),
    path("<uuid:uuid>/result-drafts/<int:draft_id>/view/", documents.draft_view, name="result_draft_view"),
    path("<uuid:uuid>/slips/<str:form>/", documents.slip_download, name="slip"),
    path("book/", documents.tracking_book, name="book"),
]
