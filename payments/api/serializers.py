"""What the API says of a dossier's fees and payments: the same facts as the dossier page's payment panel."""

from django.urls import reverse
from rest_framework import serializers

from payments.models import Payment


class FeeLineSerializer(serializers.Serializer):
    description = serializers.CharField()
    description_en = serializers.CharField(allow_blank=True)
    amount = serializers.IntegerField(help_text="Đồng.")


class PaymentSerializer(serializers.ModelSerializer):
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    fee_lines = FeeLineSerializer(many=True, read_only=True)
    receipt_url = serializers.SerializerMethodField()

    class Meta:
        model = Payment
        fields = ["uuid", "order_id", "amount", "fee_lines", "state", "state_display", "payment_url", "expires_at",
                  "transaction_id", "paid_at", "receipt_number", "receipt_url", "refund_due", "refunded_at",
                  "created_at"]
        read_only_fields = fields

    def get_receipt_url(self, payment: Payment) -> str | None:
        if not payment.has_receipt:
            return None
        return self.context["request"].build_absolute_uri(reverse("payments:receipt", args=[payment.uuid]))


class DuesSerializer(serializers.Serializer):
    dossier = serializers.UUIDField(source="dossier.uuid")
    payment_timing = serializers.CharField(help_text="none, before_submission or on_request.")
    fee_lines = FeeLineSerializer(source="dues.lines", many=True)
    total = serializers.IntegerField(source="dues.total", help_text="Đồng, the sum of the fee lines.")
    payable_now = serializers.BooleanField(help_text="The applicant may start a payment now.")
    paid = serializers.BooleanField()
    payments = PaymentSerializer(source="dues.payments", many=True)
