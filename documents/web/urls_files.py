"""Routes of the work files (hồ sơ công việc), of a document's files (the permission-checked download), and
of the agency's internal units."""

from django.urls import path

from documents.web import files, units, workfiles

urlpatterns: list = [
    path("<uuid:uuid>/files/<int:file_id>/", files.document_file, name="file"),
    path("work-files/", workfiles.workfiles, name="workfiles"),
    path("work-files/new/", workfiles.workfile_new, name="workfile-new"),
    path("work-files/file-it/", workfiles.file_it, name="file-it"),
    path("work-files/<uuid:uuid>/", workfiles.workfile_detail, name="workfile"),
    path("work-files/<uuid:uuid>/edit/", workfiles.workfile_edit, name="workfile-edit"),
    path("work-files/<uuid:uuid>/documents/<slug:action>/", workfiles.workfile_documents, name="workfile-documents"),
    path("work-files/<uuid:uuid>/export/<slug:fmt>/", workfiles.workfile_export, name="workfile-export"),
    path("work-files/<uuid:uuid>/<slug:action>/", workfiles.workfile_act, name="workfile-act"),
    path("units/", units.units, name="units"),
]
