from django.urls import path

from dossiers.web import documents

urlpatterns = [
    path("<uuid:uuid>/files/<int:file_id>/", documents.file_download, name="file"),
    path("<uuid:uuid>/result/", documents.result_download, name="result"),
    path("<uuid:uuid>/slips/<str:form>/", documents.slip_download, name="slip"),
    path("book/", documents.tracking_book, name="book"),
]
