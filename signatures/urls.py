from django.urls import path

from signatures.web import manage, official, public

app_name = "signatures"

urlpatterns = [
    path("crl/<str:kind>.crl", public.crl, name="crl"),
    path("ca/<str:kind>.crt", public.ca_certificate, name="ca_certificate"),
    path("verify/", public.verify, name="verify"),
    path("mine/", official.mine, name="mine"),
    path("mine/requests/<uuid:uuid>/issue/", official.issue, name="issue"),
    path("certificates/<uuid:uuid>/download/", official.download, name="download"),
    path("manage/", manage.request_list, name="manage"),
    path("manage/requests/new/", manage.request_new, name="request_new"),
    path("manage/requests/import/", manage.request_import, name="request_import"),
    path("manage/requests/template.xlsx", manage.import_template, name="import_template"),
    path("manage/requests/<uuid:uuid>/<str:action>/", manage.request_act, name="request_act"),
    path("manage/certificates/", manage.certificate_list, name="certificates"),
    path("manage/certificates/<uuid:uuid>/<str:action>/", manage.certificate_act, name="certificate_act"),
    path("manage/readiness/", manage.readiness, name="readiness"),
]
