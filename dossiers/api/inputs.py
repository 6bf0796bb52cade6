"""Input serializers of the dossier API: they check types and resolve public keys (procedure code,
centre slug, agency code) to rows; the rules of the dossier stay in dossiers.services, which give their
own messages (e.g. for an empty reason), so texts the services check are optional here."""

import json

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from dossiers.models import Dossier, Rating
from dossiers.selectors import DeskQueue
from dossiers.services import ApplicantData
from portal.errors import NotFound
from procedures.selectors import procedure_detail
from units.models import Agency
from units.selectors import centre_detail_public

TEXT = {"required": False, "allow_blank": True, "default": ""}


class KeyField(serializers.CharField):
    """A public key resolved to a row: the text's own checks (length, no NUL character) run before the
    query that resolves it, not after it as DRF would run them."""

    def text(self, data) -> str:
        value = super().to_internal_value(data).strip()
        self.run_validators(value)
        return value


class ProcedureCodeField(KeyField):
    """A national procedure code, resolved to the version in force."""

    def to_internal_value(self, data):
        code = self.text(data)
        try:
            return procedure_detail(code=code)
        except NotFound as error:
            raise serializers.ValidationError(error.message) from None


class CentreSlugField(KeyField):
    def to_internal_value(self, data):
        slug = self.text(data)
        try:
            return centre_detail_public(slug=slug)
        except NotFound as error:
            raise serializers.ValidationError(error.message) from None


class AgencyCodeField(KeyField):
    def to_internal_value(self, data):
        code = self.text(data)
        agency = Agency.objects.filter(code=code).first()
        if agency is None:
            raise serializers.ValidationError(_("There is no agency with code %(code)s.") % {"code": code})
        return agency


FORM_DATA_HELP = (
    "Answers to the procedure's e-form (tờ khai điện tử), keyed by the keys the catalogue API lists in "
    "form_fields: text; dates as YYYY-MM-DD (or dd/mm/yyyy); numbers; true/false for yes/no; one of the "
    "options for a choice. In a multipart request, the object as a JSON string. Problems are answered per "
    "field under extra.errors[\"form_data.<key>\"]."
)
# Far more than any declaration holds; a larger body is refused before it is parsed.
FORM_DATA_MAX_CHARS = 100_000


@extend_schema_field(OpenApiTypes.OBJECT)
class FormDataField(serializers.Field):
    """An object of answers, sent as JSON or, in a multipart request, as a JSON string."""

    default_error_messages = {
        "invalid": _("The answers must be an object mapping each field's key to its answer."),
        "too_long": _("The answers are too long."),
    }

    def to_internal_value(self, data):
        if isinstance(data, str):
            if len(data) > FORM_DATA_MAX_CHARS:
                self.fail("too_long")
            try:
                data = json.loads(data)
            except ValueError:
                self.fail("invalid")
        if not isinstance(data, dict):
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return value


class ApplicantFieldsSerializer(serializers.Serializer):
    applicant_name = serializers.CharField(max_length=150, **TEXT)
    applicant_cccd = serializers.CharField(max_length=20, **TEXT, help_text="12-digit CCCD number.")
    applicant_phone = serializers.CharField(max_length=20, **TEXT)
    applicant_email = serializers.CharField(max_length=254, **TEXT)
    applicant_address = serializers.CharField(max_length=255, **TEXT)
    description = serializers.CharField(**TEXT, help_text="What the applicant asks for.")

    @staticmethod
    def applicant(values: dict) -> ApplicantData:
        return ApplicantData(name=values["applicant_name"], cccd=values["applicant_cccd"],
                             phone=values["applicant_phone"], email=values["applicant_email"],
                             address=values["applicant_address"])


class DraftCreateSerializer(ApplicantFieldsSerializer):
    """Multipart; each required component's file is sent as ``component_<position>``."""

    procedure = ProcedureCodeField(help_text="National code of a procedure in force.")
    centre = CentreSlugField(help_text="Slug of the centre that is to receive the dossier.")
    form_data = FormDataField(required=False, help_text=FORM_DATA_HELP + " A draft may leave required questions "
                              "unanswered; submitting checks them.")


class DraftUpdateSerializer(ApplicantFieldsSerializer):
    """Fields left out keep their current value; files sent replace the component's current file."""

    centre = CentreSlugField(required=False)
    form_data = FormDataField(required=False, help_text=FORM_DATA_HELP + " When sent, it replaces all the draft's "
                              "answers; left out, they are kept.")


class CounterCreateSerializer(ApplicantFieldsSerializer):
    """Multipart; the scanned papers as ``component_<position>``. The centre is the officer's own."""

    procedure = ProcedureCodeField(help_text="National code of a procedure in force.")
    await_check = serializers.BooleanField(
        required=False, default=False,
        help_text="False (default): the officer checked the papers at the counter, so filing receives the "
                  "dossier at once (every mandatory paper must be scanned). True: the papers are not complete "
                  "yet; the dossier awaits the completeness check (submitted).")
    form_data = FormDataField(required=False, help_text=FORM_DATA_HELP + " Every required question must be "
                              "answered: the declaration is printed at once and attached to the dossier.")


class SupplementRequestSerializer(serializers.Serializer):
    """At least one component or one item (400 `dossier.invalid` with `errors.items` otherwise)."""

    reason = serializers.CharField(**TEXT)
    components = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=10_000), required=False, default=list, max_length=100,
        help_text="Positions of the procedure's required components to add or correct (the checklist), as the "
                  "catalogue lists them; an unknown position is refused (400, errors.components).")
    items = serializers.ListField(child=serializers.CharField(allow_blank=True, max_length=500), required=False,
                                 default=list, max_length=50,
                                 help_text="Other papers or corrections, as free text, one per item.")


class SupplementSerializer(serializers.Serializer):
    """Multipart: the new files as ``component_<position>``, and a note."""

    note = serializers.CharField(**TEXT)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(**TEXT)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(**TEXT)


class StepCompleteSerializer(serializers.Serializer):
    note = serializers.CharField(**TEXT)
    result = serializers.FileField(required=False, allow_null=True, help_text="The result PDF (result step only).")
    generate_result = serializers.BooleanField(required=False, default=False,
                                               help_text="Generate the result PDF instead of uploading it.")
    pin = serializers.CharField(required=False, allow_blank=True, default="", trim_whitespace=False, max_length=32,
                                write_only=True, help_text="At the result step, the PIN of the leader's signing "
                                "certificate: the result is signed (required when the leader holds one).")
    expected_sha256 = serializers.CharField(required=False, allow_blank=True, default="", max_length=64,
                                            help_text="At the result step, the SHA-256 of the result version the "
                                            "leader was shown (result_document.sha256): refused if it changed since.")


class DraftResultSerializer(serializers.Serializer):
    draft = serializers.FileField(required=False, allow_null=True, help_text="The draft result (PDF).")
    generate = serializers.BooleanField(required=False, default=False,
                                        help_text="Generate the draft from the procedure's template instead.")
    note = serializers.CharField(**TEXT, help_text="A note to the leader who reviews the draft.")


class ReturnSerializer(serializers.Serializer):
    note = serializers.CharField(**TEXT)
    recipient_name = serializers.CharField(max_length=150, **TEXT,
                                           help_text="Who received the result at the counter (default: the "
                                                     "applicant).")
    recipient_id = serializers.CharField(max_length=40, **TEXT,
                                         help_text="Number of the identity document the recipient showed (default: "
                                                   "the applicant's CCCD number).")


class PostResultSerializer(serializers.Serializer):
    address = serializers.CharField(max_length=400, **TEXT,
                                    help_text="Postal address (default: the one the applicant chose).")
    note = serializers.CharField(**TEXT, help_text="E.g. the postal tracking number.")


class PaperDeliverySerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=Dossier.PaperDelivery.choices)
    address = serializers.CharField(max_length=400, **TEXT, help_text="Postal address, for method=post.")


class StepTransferSerializer(serializers.Serializer):
    agency = AgencyCodeField(help_text="Electronic identification code of the agency taking the step over.")
    note = serializers.CharField(**TEXT)


class ExtendSerializer(serializers.Serializer):
    new_due_at = serializers.DateTimeField(help_text="The new due date written on the apology letter (form 04).")
    reason = serializers.CharField(**TEXT)


class RateSerializer(serializers.Serializer):
    score = serializers.ChoiceField(choices=Rating.Score.choices)
    comment = serializers.CharField(**TEXT)


class DossierFilterSerializer(serializers.Serializer):
    """Query parameters of the list (the same filters as the officers' pages)."""

    q = serializers.CharField(required=False, allow_blank=True, default="",
                              help_text="Code, applicant's name (diacritics ignored) or CCCD number.")
    state = serializers.ChoiceField(choices=Dossier.State.choices, required=False, allow_blank=True, default="")
    procedure = serializers.CharField(required=False, allow_blank=True, default="", help_text="Procedure code.")
    received_from = serializers.DateField(required=False, allow_null=True, default=None)
    received_to = serializers.DateField(required=False, allow_null=True, default=None)
    due = serializers.ChoiceField(choices=[("overdue", _("Overdue")), ("soon", _("Due soon"))], required=False,
                                  allow_blank=True, default="")
    queue = serializers.ChoiceField(
        choices=DeskQueue.choices, required=False, allow_blank=True, default="",
        help_text="Officials only: one queue of the one-stop desk. check: submitted, awaiting the completeness "
                  "check; supplemented: submitted again after the applicant answered a supplement request; result: "
                  "result ready, to return; mine: open dossiers the official received, filed or is handling. The "
                  "order is the queue's (oldest first; mine: soonest due first).")
