from django.urls import path, re_path

from procedures import manage_views, views

app_name = "procedures"

# Public catalogue pages (procedures/views.py). The back-office pages live in procedures/manage_views.py
# and add their own paths under "manage/" to this same list. The detail pattern only matches
# national procedure codes (1.001234 or 1.001234.000.00.00.H27), so "manage/..." can never reach it.
urlpatterns = [
    path("manage/", manage_views.manage_list, name="manage"),
    path("manage/import/", manage_views.manage_import, name="manage_import"),
    path("manage/import/template.xlsx", manage_views.manage_template, name="manage_template"),
    path("manage/import/<uuid:pk>/", manage_views.manage_import_job, name="manage_import_job"),
    path("manage/jobs/<uuid:pk>/", manage_views.manage_job_status, name="manage_job"),
    path("manage/export.xlsx", manage_views.manage_export, name="manage_export"),
    path("manage/publish/", manage_views.manage_publish, name="manage_publish"),
    path("manage/drafts/<str:code>/", manage_views.manage_draft, name="manage_draft"),
    path("manage/drafts/<str:code>/form/", manage_views.manage_draft_form, name="manage_draft_form"),
    path("manage/procedures/<str:code>/new-draft/", manage_views.manage_new_draft, name="manage_new_draft"),
    re_path(r"^$", views.catalogue, name="catalogue"),
    re_path(r"^(?P<code>[1-9]\.\d{6}(?:\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?)/$", views.procedure_detail, name="detail"),
]
