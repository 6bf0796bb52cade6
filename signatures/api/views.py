"""Signature API: verification of a signed PDF, public and limited per client address. Thin: the same
form and verification as the public page."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.api_common import LANG_PARAMETER, ErrorSerializer, LanguageMixin
from portal.ratelimit import usage as rate_usage
from signatures import selectors
from signatures.errors import SignatureErrorCode
from signatures.forms import VerifyForm
from signatures.verification import verify_pdf


class VerifyInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The signed PDF document.")


class SignatureCheckSerializer(serializers.Serializer):
    field_name = serializers.CharField()
    ok = serializers.BooleanField(help_text="Intact, chains to the province's root, valid when signed.")
    signer_name = serializers.CharField()
    organisation = serializers.CharField()
    title = serializers.CharField()
    serial = serializers.CharField(help_text="The certificate's serial number (hexadecimal).")
    signed_at = serializers.DateTimeField(allow_null=True)
    timestamped = serializers.BooleanField(help_text="The signing time comes from a trusted timestamp.")
    intact = serializers.BooleanField()
    chains_to_root = serializers.BooleanField()
    valid_at_signing = serializers.BooleanField()
    covers_whole_document = serializers.BooleanField()
    unchanged_since = serializers.BooleanField()
    revoked_at = serializers.DateTimeField(allow_null=True, help_text="When the certificate was revoked, if it was.")
    problems = serializers.ListField(child=serializers.CharField())


class VerificationSerializer(serializers.Serializer):
    ok = serializers.BooleanField(help_text="Every signature is valid.")
    error = serializers.CharField(help_text="Why the file could not be checked at all (empty otherwise).")
    signatures = SignatureCheckSerializer(many=True)


def verify_rate(group, request) -> str:
    return settings.SIGNATURES_VERIFY_RATE


@extend_schema(parameters=[LANG_PARAMETER], tags=["signatures"])
class VerifyView(LanguageMixin, APIView):
    """Xác thực văn bản điện tử: upload a signed PDF, see whether it is intact and who signed it when."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    parser_classes = [MultiPartParser]

    @extend_schema(operation_id="signatures_verify", request={"multipart/form-data": VerifyInputSerializer},
                   responses={200: VerificationSerializer, 400: ErrorSerializer, 429: ErrorSerializer},
                   description="Verify the digital signatures of a PDF. Limited per client address (429).")
    def post(self, request):
        usage = rate_usage(request._request, group="signatures.verify", key="ip", rate=verify_rate, increment=True)
        if usage is not None and usage["should_limit"]:
            seconds = max(int(usage["time_left"]), 1)
            message = ngettext("Too many verifications from your connection. Please try again in %(seconds)s second.",
                               "Too many verifications from your connection. Please try again in %(seconds)s seconds.",
                               seconds) % {"seconds": seconds}
            return Response({"code": SignatureErrorCode.RATE_LIMITED, "message": message,
                             "extra": {"retry_after": seconds}},
                            status=status.HTTP_429_TOO_MANY_REQUESTS, headers={"Retry-After": str(seconds)})
        form = VerifyForm(files=request.FILES)
        if not form.is_valid():
            errors = {name: [error["message"] for error in found] for name, found in form.errors.get_json_data().items()}
            return Response({"code": SignatureErrorCode.INVALID_FILE,
                             "message": _("Please correct the errors below."), "extra": {"errors": errors}},
                            status=status.HTTP_400_BAD_REQUEST)
        trust, revocations = selectors.verification_trust()
        report = verify_pdf(form.content(), trust=trust, revocations=revocations)
        return Response(VerificationSerializer({
            "ok": report.ok, "error": report.error,
            "signatures": [{**vars(check), "ok": check.ok} for check in report.signatures]}).data)
