"""Django admin: the signing log, read only (an audit trail). Certificates and requests are managed on
the portal's own pages (/signatures/manage/), where every change goes through the services; keys are
never shown anywhere."""

from django.contrib import admin

from portal.admin import ReadOnlyAdminMixin
from signatures.models import SignatureRecord


@admin.register(SignatureRecord)
class SignatureRecordAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["signed_at", "certificate", "signer", "purpose", "document_sha256"]
    list_select_related = ["certificate", "signer"]
    search_fields = ["purpose", "document_sha256", "certificate__serial", "certificate__common_name"]
    date_hierarchy = "signed_at"
