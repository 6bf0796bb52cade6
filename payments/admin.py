from django.contrib import admin

from payments.models import Payment, PaymentCallback


class CallbackInline(admin.TabularInline):
    model = PaymentCallback
    fields = ["received_at", "source", "status", "signature_ok", "outcome", "raw"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin):
    """Read only: payments change through the platform's messages and the dossier page's actions."""

    list_display = ["order_id", "dossier", "amount", "state", "paid_at", "receipt_number", "refund_due", "attention"]
    list_filter = ["state", "refund_due"]
    search_fields = ["order_id", "receipt_number", "transaction_id", "dossier__code"]
    list_select_related = ["dossier"]
    inlines = [CallbackInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PaymentCallback)
class PaymentCallbackAdmin(admin.ModelAdmin):
    list_display = ["received_at", "source", "order_id", "status", "signature_ok", "outcome"]
    list_filter = ["source", "outcome", "signature_ok"]
    search_fields = ["order_id"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
