"""Admin-only command endpoints of the catalogue. Drafts are written in the back office or by the Excel
import; over the API a provincial admin records a publication decision and publishes a draft under it."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from portal.api_common import LANG_PARAMETER, ErrorSerializer, LanguageMixin
from procedures.api.serializers import DecisionSerializer
from procedures.errors import CatalogueError, CatalogueErrorCode
from procedures.models import ProcedureVersion, PublicationDecision
from procedures.selectors import procedure_draft
from procedures.services import decision_create, procedure_publish

ERRORS = {400: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer, 409: ErrorSerializer}


class DecisionInputSerializer(serializers.Serializer):
    number = serializers.CharField(max_length=60)
    signed_on = serializers.DateField()
    signer = serializers.CharField(max_length=150)
    signer_position = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


class PublishInputSerializer(serializers.Serializer):
    decision = serializers.CharField(help_text="Number of a recorded publication decision, e.g. 12/QĐ-UBND.")
    effective_from = serializers.DateField(help_text="From this date the new version is in force.")


class PublishedSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="procedure.code", read_only=True)
    version = serializers.IntegerField(source="number", read_only=True)
    decision = DecisionSerializer(read_only=True)

    class Meta:
        model = ProcedureVersion
        fields = ["code", "version", "status", "effective_from", "decision"]
        read_only_fields = fields


@extend_schema(parameters=[LANG_PARAMETER], tags=["catalogue administration"])
class DecisionCreateView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="decisions_create", request=DecisionInputSerializer,
        responses={201: DecisionSerializer, **ERRORS},
        description="Record a publication decision (provincial admins only).",
    )
    def post(self, request):
        data = DecisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        decision = decision_create(actor=request.user, **data.validated_data)
        return Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)


@extend_schema(parameters=[LANG_PARAMETER], tags=["catalogue administration"])
class ProcedurePublishView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="procedures_publish", request=PublishInputSerializer,
        responses={200: PublishedSerializer, **ERRORS},
        description="Publish the procedure's draft under a recorded decision from an effective date "
        "(provincial admins only). 409 if the draft was published meanwhile.",
    )
    def post(self, request, code: str):
        data = PublishInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        draft = procedure_draft(code=code)
        decision = PublicationDecision.objects.filter(number=data.validated_data["decision"].strip()).first()
        if decision is None:
            raise CatalogueError(
                _("There is no recorded decision %(number)s.") % {"number": data.validated_data["decision"]},
                code=CatalogueErrorCode.INVALID,
                extra={"errors": {"decision": [_("Record the decision first.")]}},
            )
        [version] = procedure_publish(
            versions=[draft], decision=decision, effective_from=data.validated_data["effective_from"],
            actor=request.user,
        )
        return Response(PublishedSerializer(version).data)
