"""Representations of dossiers for the API. Dossiers are addressed by UUID (and by their public code in
the lookup); nothing here exposes a database id except the file ids inside the download URLs."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from documents.models import Document
from documents.services.files import main_file
from dossiers.api.actions import available_actions
from dossiers.disclosure import ProcessView, process_view
from dossiers.models import (
    Dossier,
    DossierEvent,
    DossierFile,
    DossierStep,
    Rating,
    ResultDelivery,
    ResultDraft,
)
from dossiers.selectors import current_step
from units.api.serializers import DISPLAY_HELP, AgencySummarySerializer
from units.models import ServiceCentre


def absolute(serializer: serializers.Serializer, url: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request else url


class ProcedureRefSerializer(serializers.Serializer):
    code = serializers.CharField(source="procedure.code", read_only=True, help_text="National procedure code.")
    version = serializers.IntegerField(source="number", read_only=True)
    display_name = serializers.CharField(read_only=True, help_text=DISPLAY_HELP)


class CentreRefSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True, help_text=DISPLAY_HELP)

    class Meta:
        model = ServiceCentre
        fields = ["slug", "name", "name_en", "display_name"]
        read_only_fields = fields


class DossierListItemSerializer(serializers.ModelSerializer):
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    procedure = ProcedureRefSerializer(source="procedure_version", read_only=True)
    centre = CentreRefSerializer(read_only=True)
    is_late = serializers.SerializerMethodField(help_text="Past its due date (or its result came after it).")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Dossier
        fields = [
            "uuid", "code", "state", "state_display", "channel", "channel_display", "procedure", "centre",
            "applicant_name", "submitted_at", "received_at", "due_at", "extended", "result_ready_at", "closed_at",
            "is_late", "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField)
    def get_is_late(self, dossier: Dossier) -> bool:
        return dossier.is_late()

    @extend_schema_field(serializers.URLField)
    def get_url(self, dossier: Dossier) -> str:
        return absolute(self, reverse("dossiers_api:dossier-detail", kwargs={"uuid": dossier.uuid}))


class UserRefSerializer(serializers.Serializer):
    full_name = serializers.CharField(read_only=True)
    position = serializers.CharField(read_only=True)


class DossierStepSerializer(serializers.ModelSerializer):
    """A step, through the ProcessView in the context (``view``): notes and handlers for officials only."""

    display_name = serializers.CharField(read_only=True, help_text=DISPLAY_HELP)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    agency = AgencySummarySerializer(read_only=True, help_text="The agency responsible for the step now.")
    handler = serializers.SerializerMethodField(help_text="Who took the step (officials only; null for the "
                                                          "applicant).")
    note = serializers.SerializerMethodField(help_text="The officials' note at the step (empty for the applicant).")
    is_late = serializers.SerializerMethodField()

    class Meta:
        model = DossierStep
        fields = [
            "position", "name", "name_en", "display_name", "responsible_role", "agency", "duration", "due_at",
            "state", "state_display", "handler", "started_at", "completed_at", "note", "is_late",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.BooleanField)
    def get_is_late(self, step: DossierStep) -> bool:
        return step.is_late()

    @extend_schema_field(UserRefSerializer(allow_null=True))
    def get_handler(self, step: DossierStep) -> dict | None:
        handler = self.context["view"].step_handler(step)
        return UserRefSerializer(handler).data if handler else None

    @extend_schema_field(serializers.CharField)
    def get_note(self, step: DossierStep) -> str:
        return self.context["view"].step_note(step)


class DossierFileSerializer(serializers.ModelSerializer):
    component = serializers.IntegerField(source="component.position", read_only=True, allow_null=True,
                                         help_text="Position of the required component in the procedure.")
    component_name = serializers.CharField(source="component.display_name", read_only=True, allow_null=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = DossierFile
        fields = ["component", "component_name", "kind", "original_name", "content_type", "size", "sha256",
                  "uploaded_at", "download_url"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField)
    def get_download_url(self, file: DossierFile) -> str:
        url = reverse("dossiers:file", kwargs={"uuid": self.context["dossier"].uuid, "file_id": file.pk})
        return absolute(self, url)


class DossierEventSerializer(serializers.Serializer):
    """An entry of disclosure.ProcessView's history: for the applicant, only the notes written to them,
    and no actor or data."""

    kind = serializers.ChoiceField(choices=DossierEvent.Kind.choices, read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    at = serializers.DateTimeField(read_only=True)
    actor = UserRefSerializer(read_only=True, allow_null=True, help_text="Who acted (officials only).")
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)
    step = serializers.IntegerField(source="step.position", read_only=True, allow_null=True,
                                    help_text="Position of the step the event concerns.")
    note = serializers.CharField(read_only=True)
    data = serializers.DictField(read_only=True, help_text="Details of the event (officials only).")


class RatingSerializer(serializers.ModelSerializer):
    score_display = serializers.CharField(source="get_score_display", read_only=True)

    class Meta:
        model = Rating
        fields = ["score", "score_display", "comment", "rated_at"]
        read_only_fields = fields


class ResultDeliverySerializer(serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = ResultDelivery
        fields = ["kind", "kind_display", "at", "recipient_name", "recipient_id", "address", "note"]
        read_only_fields = fields


class ResultDraftSerializer(serializers.ModelSerializer):
    step = serializers.IntegerField(source="step.position", read_only=True, allow_null=True)
    created_by = UserRefSerializer(read_only=True)
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = ResultDraft
        fields = ["original_name", "size", "sha256", "generated", "note", "step", "created_by", "created_at",
                  "download_url"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField)
    def get_download_url(self, draft: ResultDraft) -> str:
        url = reverse("dossiers:result_draft", kwargs={"uuid": self.context["dossier"].uuid, "draft_id": draft.pk})
        return absolute(self, url)


class ResultDocumentSerializer(serializers.Serializer):
    """The dossier's result as an outgoing document of the resolving agency (officials only)."""

    uuid = serializers.UUIDField(read_only=True)
    document_type = serializers.CharField(source="document_type.name", read_only=True)
    subject = serializers.CharField(read_only=True)
    state = serializers.ChoiceField(choices=Document.State.choices, read_only=True,
                                    help_text="to_sign (awaiting the leader), signed (awaiting its number), issued.")
    number = serializers.CharField(source="number_display", read_only=True,
                                   help_text="Số, ký hiệu once numbered (e.g. 15/TLKS-UBND); empty before.")
    issued_date = serializers.DateField(read_only=True, allow_null=True)
    signer_name = serializers.CharField(read_only=True)
    sha256 = serializers.SerializerMethodField(help_text="SHA-256 of its current file: the version the leader "
                                               "signs (send it as expected_sha256), then the signed one.")
    download_url = serializers.SerializerMethodField(help_text="Its current file (PDF).")

    def _file(self, document: Document):
        files = self.context.setdefault("result_files", {})
        if document.pk not in files:
            files[document.pk] = main_file(document)
        return files[document.pk]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_sha256(self, document: Document) -> str | None:
        stored = self._file(document)
        return stored.sha256 if stored else None

    @extend_schema_field(serializers.URLField)
    def get_download_url(self, document: Document) -> str:
        return absolute(self, reverse("dossiers:result_document", kwargs={"uuid": self.context["dossier"].uuid}))


class DossierDetailSerializer(DossierListItemSerializer):
    """A dossier with its process steps, current files and history, and what the user may do now."""

    current_step = serializers.SerializerMethodField(help_text="Position of the step being worked on.")
    steps = serializers.SerializerMethodField()
    files = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField(help_text="The history, oldest first.")
    rating = serializers.SerializerMethodField()
    result_url = serializers.SerializerMethodField(
        help_text="Download of the result: for officials once it exists; for the applicant once they have received "
                  "the electronic result (the `return` command), which records its delivery.")
    issues_paper_original = serializers.BooleanField(
        source="procedure_version.issues_paper_original", read_only=True,
        help_text="The procedure's result has a paper original (handed over at the centre or posted) besides the "
                  "electronic result.")
    deliveries = serializers.SerializerMethodField(
        help_text="How the result reached the applicant: electronic (received online), paper_counter, paper_post.")
    result_draft = serializers.SerializerMethodField(
        help_text="The current draft result the leader reviews (officials only; null for the applicant).")
    result_document = serializers.SerializerMethodField(
        help_text="The result as an outgoing document of the resolving agency: drafted, signed by the leader, "
                  "numbered and signed by the agency (officials only; null for the applicant and before a draft).")
    result_number = serializers.SerializerMethodField(
        help_text="The number on the result's face (e.g. 15/TLKS-UBND) once the result is ready; empty before.")
    actions = serializers.SerializerMethodField(
        help_text="Commands the current user may send now, e.g. receive, steps/2/take (relative to the dossier's "
                  "URL)."
    )
    registry_fields = serializers.ListField(
        child=serializers.ChoiceField(choices=["applicant_name", "applicant_address"]), read_only=True,
        help_text="Applicant fields whose values came from the national population database (looked up by CCCD "
                  "with the applicant's consent and unchanged since); empty when typed by hand.")
    registry_checked_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text="When the national population database was consulted.")
    applicant_identity_verified = serializers.BooleanField(
        read_only=True, help_text="Decision 766: submitted online by the applicant, authenticated through the "
        "national electronic identity (VNeID) in that session.")
    form_data = serializers.DictField(
        read_only=True, help_text="The answers to the procedure's e-form (tờ khai điện tử), keyed by the fields' "
        "keys (see the procedure's form_fields): text, dates as YYYY-MM-DD, numbers, booleans for yes/no, the "
        "chosen option of a choice. Unanswered optional fields are left out.")

    class Meta(DossierListItemSerializer.Meta):
        fields = [
            *DossierListItemSerializer.Meta.fields, "applicant_cccd", "applicant_phone", "applicant_email",
            "applicant_address", "description", "form_data", "paused_at", "current_step", "steps", "files",
            "events", "rating", "result_name", "result_url", "actions", "registry_fields", "registry_checked_at",
            "issues_paper_original", "paper_delivery", "post_address", "deliveries", "result_draft",
            "result_document", "result_number", "applicant_identity_verified",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_current_step(self, dossier: Dossier) -> int | None:
        step = current_step(dossier)
        return step.position if step else None

    def _view(self, dossier: Dossier) -> ProcessView:
        views = self.context.setdefault("process_views", {})
        if dossier.pk not in views:
            request = self.context.get("request")
            views[dossier.pk] = process_view(dossier, user=request.user if request else None)
        return views[dossier.pk]

    @extend_schema_field(DossierStepSerializer(many=True))
    def get_steps(self, dossier: Dossier) -> list:
        view = self._view(dossier)
        return DossierStepSerializer(view.steps, many=True, context={**self.context, "view": view}).data

    @extend_schema_field(DossierEventSerializer(many=True))
    def get_events(self, dossier: Dossier) -> list:
        return DossierEventSerializer(self._view(dossier).history, many=True).data

    @extend_schema_field(DossierFileSerializer(many=True))
    def get_files(self, dossier: Dossier) -> list:
        context = {**self.context, "dossier": dossier}
        return DossierFileSerializer(dossier.files.all(), many=True, context=context).data

    @extend_schema_field(RatingSerializer(allow_null=True))
    def get_rating(self, dossier: Dossier) -> dict | None:
        try:
            return RatingSerializer(dossier.rating).data
        except Rating.DoesNotExist:
            return None

    def _official(self) -> bool:
        request = self.context.get("request")
        return bool(request and request.user.is_authenticated and request.user.is_official)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_result_url(self, dossier: Dossier) -> str | None:
        readable = (dossier.result_available() and (self._official() or dossier.electronic_delivery is not None))
        if not readable:
            return None
        return absolute(self, reverse("dossiers:result", kwargs={"uuid": dossier.uuid}))

    @extend_schema_field(ResultDeliverySerializer(many=True))
    def get_deliveries(self, dossier: Dossier) -> list:
        return ResultDeliverySerializer(dossier.deliveries.all(), many=True).data

    @extend_schema_field(ResultDraftSerializer(allow_null=True))
    def get_result_draft(self, dossier: Dossier) -> dict | None:
        if not self._official() or not dossier.can_process():
            return None
        draft = dossier.result_drafts.filter(is_current=True).select_related("created_by", "step").first()
        return ResultDraftSerializer(draft, context={**self.context, "dossier": dossier}).data if draft else None

    @extend_schema_field(ResultDocumentSerializer(allow_null=True))
    def get_result_document(self, dossier: Dossier) -> dict | None:
        if not self._official() or dossier.result_document_id is None:
            return None
        return ResultDocumentSerializer(dossier.result_document, context={**self.context, "dossier": dossier}).data

    @extend_schema_field(serializers.CharField())
    def get_result_number(self, dossier: Dossier) -> str:
        if dossier.result_document_id is None or not dossier.result_available():
            return ""
        return dossier.result_document.number_display

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, dossier: Dossier) -> list[str]:
        request = self.context.get("request")
        return available_actions(request.user, dossier) if request else []


class LookupSerializer(serializers.Serializer):
    """What anyone holding the code may know: no personal data; the masked name with the second factor.
    Over a dossiers.lookups.PublicLookup (plain values, not a model: this is the busiest public endpoint)."""

    code = serializers.CharField(source="lookup.code", read_only=True)
    procedure_name = serializers.CharField(source="lookup.procedure_display_name", read_only=True,
                                           help_text=DISPLAY_HELP)
    state = serializers.ChoiceField(source="lookup.state", choices=Dossier.State.choices, read_only=True)
    state_display = serializers.CharField(source="lookup.state_display", read_only=True)
    submitted_at = serializers.DateTimeField(source="lookup.submitted_at", read_only=True, allow_null=True,
                                             help_text="When the dossier was submitted online or filed at the "
                                                       "counter (it has its code from then on).")
    received_at = serializers.DateTimeField(source="lookup.received_at", read_only=True, allow_null=True,
                                            help_text="When the one-stop officer received it (null while it "
                                                      "awaits the check, or if it was refused).")
    due_at = serializers.DateTimeField(source="lookup.due_at", read_only=True, allow_null=True)
    returned_at = serializers.DateTimeField(source="lookup.returned_at", read_only=True, allow_null=True,
                                            help_text="When the result was handed over (null until then).")
    current_step = serializers.SerializerMethodField(help_text="Name of the step being worked on, if any.")
    timeliness = serializers.SerializerMethodField(help_text="on_time or late (past the due date).")
    applicant = serializers.CharField(read_only=True, allow_null=True,
                                      help_text='Masked name, e.g. "N*** V** An", when `last_digits` matched; '
                                                "else null.")
    last_digits = serializers.SerializerMethodField(help_text="How the last_digits given were taken: ok, wrong, "
                                                              "limited (too many attempts), or null when none were.")

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_current_step(self, visitor) -> str | None:
        return visitor.lookup.current_step or None

    @extend_schema_field(serializers.ChoiceField(choices=["on_time", "late"]))
    def get_timeliness(self, visitor) -> str:
        return "late" if visitor.lookup.is_late() else "on_time"

    @extend_schema_field(serializers.ChoiceField(choices=["ok", "wrong", "limited"], allow_null=True))
    def get_last_digits(self, visitor) -> str | None:
        return visitor.digits or None


_DATETIME = serializers.DateTimeField()


def lookup_representation(visitor) -> dict:
    """What LookupSerializer documents, for a dossiers.lookups.PublicLookup, written without a serializer's
    setup (it copies all its fields for every instance), which cost more than the lookup's query."""
    lookup = visitor.lookup
    return {
        "code": lookup.code,
        "procedure_name": lookup.procedure_display_name,
        "state": lookup.state,
        "state_display": str(lookup.state_display),
        "submitted_at": _DATETIME.to_representation(lookup.submitted_at),
        "received_at": _DATETIME.to_representation(lookup.received_at),
        "due_at": _DATETIME.to_representation(lookup.due_at),
        "returned_at": _DATETIME.to_representation(lookup.returned_at),
        "current_step": lookup.current_step or None,
        "timeliness": "late" if lookup.is_late() else "on_time",
        "applicant": visitor.applicant,
        "last_digits": visitor.digits or None,
    }
