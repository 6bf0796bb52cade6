"""Payment API: a dossier's fees and payments, and the applicant's start of a payment (which answers the
platform's page to send the browser to). Thin: the selectors and services the pages use. The platform's
callback (``/payments/ipn/``) is not part of this API: it speaks the platform's protocol (docs/payments.md)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from dossiers.models import Dossier
from payments import selectors
from payments.api.serializers import DuesSerializer, PaymentSerializer
from payments.services import payment_start
from portal.api_common import LANG_PARAMETER, ErrorSerializer, LanguageMixin


def _dossier(request, uuid) -> Dossier:
    return get_object_or_404(Dossier.objects.visible_to(request.user).select_related("procedure_version"), uuid=uuid)


@extend_schema(parameters=[LANG_PARAMETER], tags=["payments"])
class DossierPaymentsView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="payments_dossier_read", responses={200: DuesSerializer, 404: ErrorSerializer},
                   description="The fees of a dossier the user may see (fee lines, total, when they are paid online) "
                               "and every payment attempt with its state and receipt.")
    def get(self, request, uuid):
        dossier = _dossier(request, uuid)
        dues = selectors.dossier_dues(dossier)
        data = {"dossier": dossier, "dues": dues, "payment_timing": dues.timing,
                "payable_now": selectors.payable_now(dossier, dues), "paid": dues.paid is not None}
        return Response(DuesSerializer(data, context={"request": request}).data)


@extend_schema(parameters=[LANG_PARAMETER], tags=["payments"])
class PaymentStartView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="payments_start", request=None,
                   responses={200: PaymentSerializer, 403: ErrorSerializer, 404: ErrorSerializer,
                              409: ErrorSerializer, 503: ErrorSerializer},
                   description="The applicant starts paying the dossier's fees: the answer's payment_url is the "
                               "national payment platform's page to open. A payment already started and still open "
                               "is answered again. 503 when the platform does not answer (nothing was charged).")
    def post(self, request, uuid):
        payment = payment_start(dossier=_dossier(request, uuid), user=request.user)
        return Response(PaymentSerializer(payment, context={"request": request}).data)
