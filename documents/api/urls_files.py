"""API routes of the work files (hồ sơ công việc)."""

from django.urls import path

from documents.api import workfiles

urlpatterns: list = [
    path("documents/work-files/", workfiles.WorkFileListView.as_view(), name="workfile-list"),
    path("documents/work-files/<uuid:uuid>/", workfiles.WorkFileDetailView.as_view(), name="workfile-detail"),
    path("documents/work-files/<uuid:uuid>/add/", workfiles.AddCommand.as_view(), name="workfile-add"),
    path("documents/work-files/<uuid:uuid>/remove/", workfiles.RemoveCommand.as_view(), name="workfile-remove"),
    path("documents/work-files/<uuid:uuid>/close/", workfiles.CloseCommand.as_view(), name="workfile-close"),
    path("documents/work-files/<uuid:uuid>/reopen/", workfiles.ReopenCommand.as_view(), name="workfile-reopen"),
    path("documents/work-files/<uuid:uuid>/freeze/", workfiles.FreezeCommand.as_view(), name="workfile-freeze"),
    path("documents/work-files/<uuid:uuid>/deposit/", workfiles.DepositCommand.as_view(), name="workfile-deposit"),
    path("documents/work-files/<uuid:uuid>/export/<slug:fmt>/", workfiles.WorkFileExportView.as_view(),
         name="workfile-export"),
]
