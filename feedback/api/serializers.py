"""Representations of petitions for the API, one per audience (feedback.disclosure decides what each reads):
the list and the detail for whoever may see the petition (officials everything; the petitioner what they sent
and what was written to them), the public tracking by code, the published answers (masked texts only), and
the hotline desk's call log. Petitions are addressed by code or UUID; no database id is shown."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from feedback import actions, disclosure
from feedback.deadlines import working_days_left
from feedback.events import NATIONAL_STATUS
from feedback.models import HotlineCall, Petition, PetitionEvent, PetitionFile
from feedback.selectors import petition_countdown, public_timeline
from units.api.serializers import AgencySummarySerializer

State = Petition.State
# What the deadline in ``deadline_at`` is for, by state.
DEADLINE_FOR = {State.RECEIVED: "intake", State.IN_PROGRESS: "answer", State.ANSWER_PROPOSED: "answer",
                State.ANSWERED: "publish"}
DEADLINE_HELP = ("The next national deadline (feedback-pakn: not accepted within 2 working days, asked or "
                 "forwarded within 5, answered within the category's handling time, published within 2): null "
                 "while the citizen is asked for information, and once it is done.")
DAYS_LEFT_HELP = ("Working days (office time, on the working-day calendar) until `deadline_at`, to one decimal; "
                  "negative when overdue; null without a deadline.")


def absolute(serializer: serializers.Serializer, url: str) -> str:
    request = serializer.context.get("request")
    return request.build_absolute_uri(url) if request else url


def reopen_until(petition: Petition) -> str | None:
    """Until when the petitioner may reopen the answer (after rating it as not satisfying); None when they may
    not (no answer yet, satisfied, reopened already)."""
    if petition.state not in Petition.ANSWERED_STATES or petition.rating == Petition.Rating.SATISFIED:
        return None
    until = petition.reopen_until()
    return serializers.DateTimeField().to_representation(until) if until else None


def days_left(petition: Petition) -> Decimal | None:
    left = working_days_left(petition.deadline_at, now=timezone.now())
    return None if left is None else left.quantize(Decimal("0.1"))


class CountdownMixin(serializers.Serializer):
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    national_status = serializers.SerializerMethodField(help_text="The state as the national PAKN system names it.")
    deadline_for = serializers.SerializerMethodField(
        help_text="What `deadline_at` is for: intake (classify, ask for information, forward or refuse), answer "
                  "(the leader approves the answer), publish; null without a deadline.")
    working_days_left = serializers.SerializerMethodField(help_text=DAYS_LEFT_HELP)
    is_overdue = serializers.BooleanField(read_only=True, help_text="Past `deadline_at`.")

    @extend_schema_field(serializers.CharField())
    def get_national_status(self, petition: Petition) -> str:
        return NATIONAL_STATUS[petition.state]

    @extend_schema_field(serializers.ChoiceField(choices=["intake", "answer", "publish"], allow_null=True))
    def get_deadline_for(self, petition: Petition) -> str | None:
        return DEADLINE_FOR.get(petition.state) if petition.deadline_at else None

    @extend_schema_field(serializers.DecimalField(max_digits=9, decimal_places=1, coerce_to_string=False,
                                                  allow_null=True))
    def get_working_days_left(self, petition: Petition) -> Decimal | None:
        return days_left(petition)


class AnswerCountdownMixin(serializers.Serializer):
    answer_working_days_left = serializers.SerializerMethodField(
        help_text="The countdown the citizen sees (feedback.selectors.petition_countdown): working days until the "
                  "answer is due (`due_at`), to one decimal, negative when late; standing still while the agency "
                  "waits for the citizen's information; null once answered, refused or forwarded out of the portal.")

    @extend_schema_field(serializers.DecimalField(max_digits=9, decimal_places=1, coerce_to_string=False,
                                                  allow_null=True))
    def get_answer_working_days_left(self, petition: Petition) -> Decimal | None:
        countdown = petition_countdown(petition)
        return None if countdown is None else countdown.days_left.quantize(Decimal("0.1"))


class PetitionListItemSerializer(CountdownMixin, serializers.ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    klass_display = serializers.CharField(source="get_klass_display", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    agency = AgencySummarySerializer(read_only=True, help_text="The agency holding it now.")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = ["uuid", "code", "kind", "kind_display", "channel", "state", "state_display", "national_status",
                  "klass", "klass_display", "category", "category_display", "title", "agency", "submitted_at",
                  "deadline_at", "deadline_for", "working_days_left", "is_overdue", "url"]
        read_only_fields = fields
        extra_kwargs = {"deadline_at": {"help_text": DEADLINE_HELP}}

    @extend_schema_field(serializers.URLField)
    def get_url(self, petition: Petition) -> str:
        return absolute(self, reverse("feedback_api:petition-detail", kwargs={"code": petition.code}))


class PetitionUserSerializer(serializers.Serializer):
    username = serializers.CharField(read_only=True)
    full_name = serializers.CharField(read_only=True)


class PetitionEventSerializer(serializers.Serializer):
    """A line of the history. For the petitioner: their part of it (feedback.disclosure), without who acted,
    the internal notes, the details or whether a deadline was met."""

    kind = serializers.ChoiceField(choices=PetitionEvent.Kind.choices, read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    at = serializers.DateTimeField(read_only=True)
    agency = AgencySummarySerializer(read_only=True, help_text="The agency holding the petition then.")
    from_state = serializers.CharField(read_only=True)
    to_state = serializers.CharField(read_only=True)
    note = serializers.SerializerMethodField()
    actor = serializers.SerializerMethodField(help_text="Who acted (officials only; null otherwise).")
    on_time = serializers.SerializerMethodField(
        help_text="Whether the national deadline this step answers was met (officials only; null when none).")
    data = serializers.SerializerMethodField(help_text="Details (officials only; empty otherwise).")

    def _all(self) -> bool:
        return self.context.get("reads_all", False)

    @extend_schema_field(serializers.CharField())
    def get_note(self, event: PetitionEvent) -> str:
        return event.note if self._all() else disclosure.petitioner_note(event)

    @extend_schema_field(PetitionUserSerializer(allow_null=True))
    def get_actor(self, event: PetitionEvent) -> dict | None:
        return PetitionUserSerializer(event.actor).data if self._all() and event.actor else None

    @extend_schema_field(serializers.BooleanField(allow_null=True))
    def get_on_time(self, event: PetitionEvent) -> bool | None:
        return event.on_time if self._all() else None

    @extend_schema_field(serializers.DictField())
    def get_data(self, event: PetitionEvent) -> dict:
        return event.data if self._all() else {}


class PetitionFileSerializer(serializers.ModelSerializer):
    class Meta:
        model = PetitionFile
        fields = ["original_name", "content_type", "size", "sha256", "uploaded_at"]
        read_only_fields = fields


class PetitionDetailSerializer(AnswerCountdownMixin, PetitionListItemSerializer):
    """A petition for whoever may see it: what was sent, by whom, its deadlines and history, the answer, and the
    commands the user may send now. The petitioner does not see the agency's inner work (feedback.disclosure)."""

    about_display = serializers.CharField(source="get_about_display", read_only=True)
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    dossier = serializers.CharField(source="dossier.code", read_only=True, allow_null=True,
                                    help_text="Code of the dossier it is about.")
    procedure = serializers.CharField(source="procedure.code", read_only=True, allow_null=True,
                                      help_text="Code of the procedure it is about.")
    centre = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True,
                                          help_text="Slug of the service centre it is about.")
    answer = serializers.SerializerMethodField(
        help_text="The answer. The petitioner reads it once the leader approved it; officials also the draft.")
    public_title = serializers.SerializerMethodField(help_text="Published subject (masked); empty before.")
    public_content = serializers.SerializerMethodField(help_text="Published content (masked); empty before.")
    public_answer = serializers.SerializerMethodField(help_text="Published answer (masked); empty before.")
    reopen_until = serializers.SerializerMethodField(
        help_text="Until when the petitioner may reopen the answer after rating it as not satisfying (null: not "
                  "possible).")
    handler = serializers.SerializerMethodField(help_text="The official handling it (officials only).")
    escalation_level = serializers.SerializerMethodField(
        help_text="0: none; 1: overdue, raised to the agency's leaders; 2: to the provincial admins (officials "
                  "only; 0 otherwise).")
    files = PetitionFileSerializer(many=True, read_only=True)
    events = serializers.SerializerMethodField(help_text="The history, oldest first.")
    actions = serializers.SerializerMethodField(
        help_text="Commands the user may send now, as the command URLs below the petition's name them "
                  "(e.g. classify, request-info, rate).")

    class Meta(PetitionListItemSerializer.Meta):
        fields = [
            *PetitionListItemSerializer.Meta.fields, "channel_display", "content", "proposal", "about",
            "about_display", "dossier", "procedure", "centre", "official_name", "name", "address", "phone", "email",
            "forwarded_to", "received_at", "refuse_due_at", "intake_due_at", "due_at", "answer_working_days_left",
            "publish_due_at", "paused_at",
            "classified_at", "info_requested_at", "refused_at", "forwarded_at", "answered_at", "published_at",
            "refusal_reason", "info_request", "answer", "public_title", "public_content", "public_answer", "rating",
            "rated_at", "reopen_count", "reopen_until", "handler", "escalation_level", "files", "events", "actions",
        ]
        read_only_fields = fields

    def _all(self) -> bool:
        request = self.context.get("request")
        return disclosure.reads_all(request.user if request else None)

    @extend_schema_field(serializers.CharField())
    def get_answer(self, petition: Petition) -> str:
        return petition.answer if self._all() else disclosure.petitioner_answer(petition)

    @extend_schema_field(serializers.CharField())
    def get_public_title(self, petition: Petition) -> str:
        return disclosure.public_texts(petition)["public_title"]

    @extend_schema_field(serializers.CharField())
    def get_public_content(self, petition: Petition) -> str:
        return disclosure.public_texts(petition)["public_content"]

    @extend_schema_field(serializers.CharField())
    def get_public_answer(self, petition: Petition) -> str:
        return disclosure.public_texts(petition)["public_answer"]

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_reopen_until(self, petition: Petition) -> str | None:
        return reopen_until(petition)

    @extend_schema_field(PetitionUserSerializer(allow_null=True))
    def get_handler(self, petition: Petition) -> dict | None:
        return PetitionUserSerializer(petition.handler).data if self._all() and petition.handler_id else None

    @extend_schema_field(serializers.IntegerField())
    def get_escalation_level(self, petition: Petition) -> int:
        return petition.escalation_level if self._all() else 0

    @extend_schema_field(PetitionEventSerializer(many=True))
    def get_events(self, petition: Petition) -> list:
        everything = self._all()
        events = list(petition.events.select_related("actor", "agency"))
        shown = events if everything else disclosure.petitioner_history(events)
        return PetitionEventSerializer(shown, many=True, context={"reads_all": everything}).data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, petition: Petition) -> list[str]:
        request = self.context.get("request")
        return [action.path for action in actions.available(request.user, petition)] if request else []


class TimelineEventSerializer(serializers.Serializer):
    """A step of the public history: what happened, when, at which agency; no names, no texts."""

    kind = serializers.ChoiceField(choices=PetitionEvent.Kind.choices, read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    at = serializers.DateTimeField(read_only=True)
    agency = AgencySummarySerializer(read_only=True)


class PetitionerSerializer(serializers.Serializer):
    """What the petitioner reads on the tracking of their petition after proving it is theirs (code and phone)."""

    title = serializers.CharField(read_only=True)
    content = serializers.CharField(read_only=True)
    proposal = serializers.CharField(read_only=True)
    refusal_reason = serializers.CharField(read_only=True)
    info_request = serializers.CharField(read_only=True, help_text="The information the agency asked for.")
    answer = serializers.SerializerMethodField(help_text="The answer, once the leader approved it.")
    rating = serializers.CharField(read_only=True)
    reopen_until = serializers.SerializerMethodField(
        help_text="Until when they may reopen the answer after rating it as not satisfying (null: not possible).")
    actions = serializers.SerializerMethodField(
        help_text="Commands they may send now with the phone number (supply-info, rate, reopen).")

    @extend_schema_field(serializers.CharField())
    def get_answer(self, petition: Petition) -> str:
        return disclosure.petitioner_answer(petition)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_reopen_until(self, petition: Petition) -> str | None:
        return reopen_until(petition)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, petition: Petition) -> list[str]:
        return [action.path for action in actions.available_proven(petition)]


class PetitionTrackSerializer(AnswerCountdownMixin, CountdownMixin, serializers.ModelSerializer):
    """Theo dõi phản ánh: what anyone holding the code may read — its progress, never the person's data nor the
    texts they wrote; the masked texts once published. ``petitioner``: with the petition's phone number."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    klass_display = serializers.CharField(source="get_klass_display", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    agency = AgencySummarySerializer(read_only=True, help_text="The agency holding it now.")
    waiting_for_citizen = serializers.BooleanField(source="is_paused", read_only=True,
                                                   help_text="The agency asked for information; its clock stands "
                                                             "still until the petitioner sends it.")
    public_title = serializers.SerializerMethodField()
    public_content = serializers.SerializerMethodField()
    public_answer = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField(help_text="The steps so far, oldest first, as the tracking page "
                                                          "shows them (feedback.selectors.public_timeline).")
    petitioner = serializers.SerializerMethodField(
        help_text="For whoever gave the petition's phone number (`phone`): the texts they sent and those written "
                  "to them, and what they may do now; null otherwise.")

    class Meta:
        model = Petition
        fields = ["code", "kind", "kind_display", "state", "state_display", "national_status", "klass",
                  "klass_display", "category", "category_display", "agency", "forwarded_to", "submitted_at",
                  "received_at", "classified_at", "refused_at", "forwarded_at", "answered_at", "published_at",
                  "due_at", "answer_working_days_left", "deadline_at", "deadline_for", "working_days_left",
                  "is_overdue", "waiting_for_citizen",
                  "public_title", "public_content", "public_answer", "history", "petitioner"]
        read_only_fields = fields
        extra_kwargs = {"deadline_at": {"help_text": DEADLINE_HELP},
                        "due_at": {"help_text": "When the answer is due (the handling time, moved by the time the "
                                                "citizen took to send information)."}}

    @extend_schema_field(serializers.CharField(help_text="Published subject (masked); empty before."))
    def get_public_title(self, petition: Petition) -> str:
        return disclosure.public_texts(petition)["public_title"]

    @extend_schema_field(serializers.CharField(help_text="Published content (masked); empty before."))
    def get_public_content(self, petition: Petition) -> str:
        return disclosure.public_texts(petition)["public_content"]

    @extend_schema_field(serializers.CharField(help_text="Published answer (masked); empty before."))
    def get_public_answer(self, petition: Petition) -> str:
        return disclosure.public_texts(petition)["public_answer"]

    @extend_schema_field(TimelineEventSerializer(many=True))
    def get_history(self, petition: Petition) -> list:
        return TimelineEventSerializer(public_timeline(petition), many=True).data

    @extend_schema_field(PetitionerSerializer(allow_null=True))
    def get_petitioner(self, petition: Petition) -> dict | None:
        return PetitionerSerializer(petition).data if self.context.get("proven") else None


class PublishedAnswerSerializer(serializers.ModelSerializer):
    """A published answer: the masked subject, content and answer fixed at publication, and nothing else of the
    petition's texts or its petitioner."""

    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    klass_display = serializers.CharField(source="get_klass_display", read_only=True)
    category_display = serializers.CharField(source="get_category_display", read_only=True)
    agency = AgencySummarySerializer(read_only=True, help_text="The agency that answered.")
    title = serializers.CharField(source="public_title", read_only=True)
    content = serializers.CharField(source="public_content", read_only=True)
    answer = serializers.CharField(source="public_answer", read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Petition
        fields = ["code", "kind", "kind_display", "klass", "klass_display", "category", "category_display",
                  "agency", "title", "content", "answer", "submitted_at", "answered_at", "published_at", "url"]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField)
    def get_url(self, petition: Petition) -> str:
        return absolute(self, reverse("feedback_api:published-detail", kwargs={"code": petition.code}))


class CallDossierSerializer(serializers.Serializer):
    """The dossier the caller asked about, with its state: what the officer answers "where is my dossier" with."""

    code = serializers.CharField(read_only=True)
    state = serializers.CharField(read_only=True)
    state_display = serializers.CharField(source="get_state_display", read_only=True)
    due_at = serializers.DateTimeField(read_only=True, allow_null=True)


class HotlineCallSerializer(serializers.ModelSerializer):
    hotline = serializers.CharField(source="hotline.number", read_only=True, allow_null=True,
                                    help_text="The hotline number that was called.")
    officer = PetitionUserSerializer(read_only=True)
    outcome_display = serializers.CharField(source="get_outcome_display", read_only=True)
    dossier = CallDossierSerializer(read_only=True, allow_null=True)
    petition = serializers.SerializerMethodField(help_text="Code of the petition opened from the call.")

    class Meta:
        model = HotlineCall
        fields = ["uuid", "hotline", "officer", "caller_phone", "caller_name", "started_at", "summary", "dossier",
                  "outcome", "outcome_display", "response", "petition"]
        read_only_fields = fields

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_petition(self, call: HotlineCall) -> str | None:
        return call.petition.code if call.petition_id else None
