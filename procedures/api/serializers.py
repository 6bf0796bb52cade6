"""Public representations of the catalogue. Procedures are addressed by their national code; every
translatable text comes raw (Vietnamese, ``*_en`` English) and as ``display_*`` in the active language."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from hotlines.api import CentreSerializer
from procedures.models import (
    Fee,
    Field,
    FormField,
    InternalProcessStep,
    ProcedureVersion,
    PublicationDecision,
    RequiredComponent,
)
from procedures.rules import amount_text
from units.api.serializers import DISPLAY_HELP, AgencySummarySerializer


class FieldSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True, help_text=DISPLAY_HELP)

    class Meta:
        model = Field
        fields = ["code", "name", "name_en", "display_name"]
        read_only_fields = fields


class FieldWithCountSerializer(FieldSerializer):
    procedure_count = serializers.IntegerField(read_only=True, help_text="Procedures in force in this field.")

    class Meta(FieldSerializer.Meta):
        fields = [*FieldSerializer.Meta.fields, "procedure_count"]
        read_only_fields = fields


class ProcedureListSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="procedure.code", read_only=True, help_text="National procedure code.")
    version = serializers.IntegerField(source="number", read_only=True)
    display_name = serializers.CharField(read_only=True, help_text=DISPLAY_HELP)
    field = FieldSerializer(read_only=True)
    agency = AgencySummarySerializer(read_only=True, help_text="The implementing agency.")
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    online_level_display = serializers.CharField(source="get_online_level_display", read_only=True)
    processing_time_text = serializers.SerializerMethodField(help_text='E.g. "10 working days".')
    url = serializers.HyperlinkedIdentityField(
        view_name="procedures_api:procedure-detail", lookup_field="code", lookup_url_kwarg="code"
    )

    class Meta:
        model = ProcedureVersion
        fields = [
            "code", "version", "name", "name_en", "display_name", "field", "level", "level_display", "agency",
            "processing_time", "processing_time_unit", "processing_time_text", "online_level",
            "online_level_display", "effective_from", "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField)
    def get_processing_time_text(self, version: ProcedureVersion) -> str:
        return amount_text(version.processing_time, version.processing_time_unit)


class ComponentSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True, help_text=DISPLAY_HELP)
    form_url = serializers.SerializerMethodField(help_text="The blank form to fill in, if there is one.")

    class Meta:
        model = RequiredComponent
        fields = ["position", "name", "name_en", "display_name", "originals", "copies", "is_mandatory",
                  "filled_by_form", "form_url"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_form_url(self, component: RequiredComponent) -> str | None:
        if not component.form_file:
            return None
        request = self.context.get("request")
        url = component.form_file.url
        return request.build_absolute_uri(url) if request else url


class FeeSerializer(serializers.ModelSerializer):
    display_description = serializers.CharField(read_only=True, help_text="The description in the active language.")

    class Meta:
        model = Fee
        fields = ["position", "description", "description_en", "display_description", "amount"]
        read_only_fields = fields


class StepSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True, help_text=DISPLAY_HELP)
    responsible_role_display = serializers.CharField(source="get_responsible_role_display", read_only=True)
    responsible_agency = AgencySummarySerializer(
        read_only=True, allow_null=True, help_text="Null means the receiving centre."
    )

    class Meta:
        model = InternalProcessStep
        fields = [
            "position", "name", "name_en", "display_name", "responsible_role", "responsible_role_display",
            "responsible_agency", "duration", "drafts_result",
        ]
        read_only_fields = fields


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PublicationDecision
        fields = ["number", "signed_on", "signer", "signer_position"]
        read_only_fields = fields


class FormFieldSerializer(serializers.ModelSerializer):
    """A question of the e-form (tờ khai điện tử): its answer goes under ``key`` in a dossier's form_data."""

    display_label = serializers.CharField(read_only=True, help_text=DISPLAY_HELP)
    options = serializers.ListField(child=serializers.CharField(), read_only=True,
                                    help_text="Choice fields: the accepted answers (Vietnamese).")
    options_en = serializers.ListField(child=serializers.CharField(), read_only=True,
                                       help_text="English labels of the options, in the same order (may be empty).")

    class Meta:
        model = FormField
        fields = ["position", "key", "section", "section_en", "label", "label_en", "display_label", "type", "required",
                  "options", "options_en", "help_text", "help_text_en", "max_length", "min_value", "max_value",
                  "not_future"]
        read_only_fields = fields


class ChannelsSerializer(serializers.Serializer):
    online = serializers.BooleanField(source="channel_online", read_only=True)
    counter = serializers.BooleanField(source="channel_counter", read_only=True)
    post = serializers.BooleanField(source="channel_post", read_only=True)


class ProcedureDetailSerializer(ProcedureListSerializer):
    display_result_type = serializers.CharField(read_only=True, help_text="The result in the active language.")
    channels = ChannelsSerializer(source="*", read_only=True, help_text="How a dossier can be submitted.")
    components = ComponentSerializer(many=True, read_only=True)
    fees = FeeSerializer(many=True, read_only=True)
    steps = StepSerializer(many=True, read_only=True, help_text="The internal process, in order.")
    centres = CentreSerializer(many=True, read_only=True, help_text="Centres that receive and return dossiers.")
    decision = DecisionSerializer(read_only=True, help_text="The publication decision of this version.")
    form_fields = FormFieldSerializer(many=True, read_only=True,
                                      help_text="The e-form's questions, in order; empty when there is none.")

    class Meta(ProcedureListSerializer.Meta):
        fields = [
            *ProcedureListSerializer.Meta.fields, "result_type", "result_type_en", "display_result_type",
            "legal_basis", "conditions", "cutoff_hour", "channels", "regardless_of_residence", "issues_paper_original",
            "components", "fees", "steps", "centres", "decision", "form_fields",
        ]
        read_only_fields = fields
