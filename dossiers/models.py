"""Hồ sơ: a dossier's data and the invariants of its way from submission to result (DESIGN.md §4).

State changes happen only in dossiers/services.py; the guards they check are the ``can_*`` methods
here, so the web pages and the API show exactly the actions the services will accept."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import TimeStamped, localized


class DossierQuerySet(models.QuerySet):
    def visible_to(self, user) -> "DossierQuerySet":
        """Row-level visibility (DESIGN.md §7): a citizen sees their own dossiers; a one-stop officer those
        of their centre; an official those with a step at their agency or received by a centre of their
        agency; a provincial admin every dossier. Anyone else sees nothing."""
        if not user or not user.is_authenticated:
            return self.none()
        if user.is_provincial_admin:
            # Unsent drafts are not dossiers yet: only their author reads them.
            return self.exclude(state=Dossier.State.DRAFT)
        if not user.is_official:
            return self.filter(applicant=user)
        condition = Q(pk__in=[])
        if user.centre_id:
            condition |= Q(centre_id=user.centre_id)
        if user.agency_id:
            steps = DossierStep.objects.filter(dossier=OuterRef("pk"), agency_id=user.agency_id)
            condition |= Q(centre__agency_id=user.agency_id) | Exists(steps)
        return self.filter(condition).exclude(state=Dossier.State.DRAFT)

    def open(self) -> "DossierQuerySet":
        return self.filter(state__in=Dossier.OPEN_STATES)


class Dossier(TimeStamped):
    """Hồ sơ thủ tục hành chính: one application under one procedure version, at one receiving centre."""

    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("dossier state", "Draft")
        SUBMITTED = "submitted", _("Submitted, awaiting check")
        SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("In progress")
        RESULT_READY = "result_ready", _("Result ready")
        RETURNED = "returned", _("Result returned")
        REFUSED = "refused", _("Refused")
        STOPPED = "stopped", _("Stopped")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        COUNTER = "counter", _("At the counter")
        # Sent by the public postal service (bưu chính công ích) and filed at the centre on arrival.
        POST = "post", _("By post")

    class PaperDelivery(models.TextChoices):
        """How the applicant wants the paper original of the result (when the procedure issues one)."""

        COUNTER = "counter", _("Collect it at the centre")
        POST = "post", _("Send it by post")

    # States in which the agency's clock may run (received) or the dossier is still being worked on.
    PROCESSING_STATES = (State.RECEIVED, State.IN_PROGRESS)
    OPEN_STATES = (State.SUBMITTED, State.SUPPLEMENT_REQUESTED, State.RECEIVED, State.IN_PROGRESS)
    FINAL_STATES = (State.RETURNED, State.REFUSED, State.STOPPED, State.WITHDRAWN)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("dossier code"), max_length=40, unique=True, null=True, blank=True)
    state = models.CharField(_("state"), max_length=30, choices=State.choices, default=State.DRAFT)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)

    procedure_version = models.ForeignKey(
        "procedures.ProcedureVersion", on_delete=models.PROTECT, related_name="dossiers",
        verbose_name=_("procedure version"),
    )
    centre = models.ForeignKey(
        "units.ServiceCentre", on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("receiving centre")
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="dossiers",
        verbose_name=_("applicant's account"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("created by")
    )

    applicant_name = models.CharField(_("applicant's full name"), max_length=150)
    applicant_cccd = models.CharField(_("applicant's CCCD number"), max_length=12)
    applicant_phone = models.CharField(_("phone"), max_length=20, blank=True)
    applicant_email = models.EmailField(_("email"), blank=True)
    applicant_address = models.CharField(_("address"), max_length=255, blank=True)
    # Decision 766's field: the applicant was authenticated through the national electronic identity (VNeID)
    # when the dossier was submitted online.
    applicant_identity_verified = models.BooleanField(_("applicant verified by the national identity"),
                                                      default=False)
    description = models.TextField(_("request"), blank=True)
    # Answers to the procedure version's e-form (tờ khai điện tử), keyed by its fields' keys and normalised
    # by procedures.eforms (dates ISO, numbers, booleans); the version itself is the form's version.
    form_data = models.JSONField(_("e-form answers"), default=dict, blank=True)
    # Which applicant fields were filled from the national population database (with the applicant's
    # consent) and when it was asked; empty when everything was typed by hand.
    registry_fields = models.JSONField(_("fields from the national population database"), default=list, blank=True)
    registry_checked_at = models.DateTimeField(_("national population database consulted at"), null=True,
                                               blank=True)
    # The applicant's name without diacritics, lower case: officers search "nguyen van a".
    search_name = models.CharField(max_length=150, editable=False, default="", db_index=True)

    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    received_at = models.DateTimeField(_("received at"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("received by"),
    )
    due_at = models.DateTimeField(_("due date"), null=True, blank=True)
    # Set when the clock is stopped for a supplement; the paused office time is added to due_at on resume.
    paused_at = models.DateTimeField(_("clock paused at"), null=True, blank=True)
    paused_hours = models.DecimalField(
        _("working hours waiting for the applicant"), max_digits=9, decimal_places=2, default=0
    )
    extended = models.BooleanField(_("extended"), default=False)
    result_ready_at = models.DateTimeField(_("result ready at"), null=True, blank=True)
    result_file = models.FileField(_("result"), upload_to="results/%Y/%m/", blank=True)
    result_name = models.CharField(_("result file name"), max_length=255, blank=True)
    # Serial of the leader's certificate when the result was digitally signed (empty: not signed).
    result_signed_by = models.CharField(_("result signed with certificate"), max_length=40, blank=True)
    # The result as an outgoing document of the resolving agency (issue 12 §2): drafted at the drafting step,
    # signed at the approval step, numbered in the agency's register and signed by the agency at the clerk's
    # step; ``result_file`` is then its numbered, signed PDF.
    result_document = models.ForeignKey("documents.Document", on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+", verbose_name=_("result document"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # The applicant's choice for the paper original (empty: not chosen, collected at the centre).
    paper_delivery = models.CharField(_("how the paper original is received"), max_length=20, choices=PaperDelivery.choices,
                                      blank=True)
    post_address = models.CharField(_("postal address for the result"), max_length=255, blank=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            models.Index(fields=["centre", "state", "submitted_at"]),
            models.Index(fields=["applicant", "state"]),
            models.Index(fields=["state", "due_at"]),
            models.Index(fields=["applicant_cccd"]),
        ]

    def __str__(self) -> str:
        return self.code or str(self.uuid)

    @property
    def procedure_name(self) -> str:
        return self.procedure_version.display_name

    @property
    def display_code(self) -> str:
        """The code, given at submission or filing; an unsent draft has none and is called a draft."""
        return self.code or str(self.State.DRAFT.label)

    # Guards: the services call these under the row lock; the pages use them to offer actions.
    def can_edit_draft(self) -> bool:
        return self.state == self.State.DRAFT

    def can_receive(self) -> bool:
        return self.state == self.State.SUBMITTED

    def can_refuse(self) -> bool:
        return self.state == self.State.SUBMITTED

    def can_request_supplement(self) -> bool:
        return self.state in (self.State.SUBMITTED, *self.PROCESSING_STATES)

    def can_answer_supplement(self) -> bool:
        return self.state == self.State.SUPPLEMENT_REQUESTED

    def can_process(self) -> bool:
        return self.state in self.PROCESSING_STATES

    def can_extend(self, now=None) -> bool:
        now = now or timezone.now()
        return self.can_process() and not self.extended and self.due_at is not None and now < self.due_at

    def can_stop(self) -> bool:
        return self.can_process()

    def can_withdraw(self) -> bool:
        return self.state in self.OPEN_STATES

    def can_return(self) -> bool:
        return self.state == self.State.RESULT_READY

    def can_rate(self) -> bool:
        return self.state == self.State.RETURNED

    # The result's delivery (DESIGN.md §4, issue 11): the electronic result is received online; a procedure
    # that issues a paper original hands it over at the centre or sends it by post. The dossier is closed
    # (returned) by the delivery it owes: the paper original's, or else the electronic result's (received
    # online, or handed over at the counter as a print to an applicant who came in).
    @property
    def issues_paper_original(self) -> bool:
        return self.procedure_version.issues_paper_original

    def delivered(self, kind: str) -> "ResultDelivery | None":
        """The delivery of that kind (from the prefetched deliveries when there are)."""
        return next((d for d in self.deliveries.all() if d.kind == kind), None)

    @property
    def electronic_delivery(self) -> "ResultDelivery | None":
        return self.delivered(ResultDelivery.Kind.ELECTRONIC)

    @property
    def paper_delivery_done(self) -> "ResultDelivery | None":
        return next((d for d in self.deliveries.all() if d.kind != ResultDelivery.Kind.ELECTRONIC), None)

    def result_available(self) -> bool:
        return self.state in (self.State.RESULT_READY, self.State.RETURNED) and bool(self.result_file)

    def can_receive_online(self) -> bool:
        """The applicant's account may receive the electronic result (once)."""
        return self.applicant_id is not None and self.result_available() and self.electronic_delivery is None

    def can_post_result(self) -> bool:
        return self.can_return() and self.issues_paper_original

    def can_choose_paper_delivery(self) -> bool:
        return self.can_return() and self.issues_paper_original

    def closes_with(self, kind: str) -> bool:
        """Recording a delivery of ``kind`` now closes the dossier."""
        return self.can_return() and (kind != ResultDelivery.Kind.ELECTRONIC or not self.issues_paper_original)

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN_STATES

    def is_late(self, now=None) -> bool:
        return dossier_is_late(state=self.state, due_at=self.due_at, result_ready_at=self.result_ready_at, now=now)


def dossier_is_late(*, state: str, due_at, result_ready_at, now=None) -> bool:
    """Past its due date: still being processed after it, or its result was ready after it."""
    if due_at is None:
        return False
    if result_ready_at is not None:
        return result_ready_at > due_at
    if state in Dossier.PROCESSING_STATES:
        return (now or timezone.now()) > due_at
    return False


class DossierCodeSeries(models.Model):
    """The daily sequence of dossier codes at one receiving agency: a row locked while a code is taken,
    so codes are unique and gap-free even when officers receive at the same moment."""

    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+")
    day = models.DateField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "day"], name="dossier_code_series_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.day:%y%m%d} #{self.last_number}"


class DossierFile(models.Model):
    """A file of the dossier: a required component's scan, an extra paper, or the declaration the portal
    printed from the e-form's answers. Kept for history when a supplement or a new declaration replaces
    it (``is_current`` false)."""

    class Kind(models.TextChoices):
        UPLOAD = "upload", _("Attached paper")
        DECLARATION = "declaration", _("Declaration printed from the e-form")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    component = models.ForeignKey(
        "procedures.RequiredComponent", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("component"),
    )
    file = models.FileField(upload_to="dossiers/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    is_current = models.BooleanField(default=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.UPLOAD)

    class Meta:
        ordering = ["component__position", "uploaded_at", "id"]
        verbose_name = _("dossier file")
        verbose_name_plural = _("dossier files")

    def __str__(self) -> str:
        return self.original_name


class DossierStep(models.Model):
    """A step of the procedure's internal process, copied to the dossier at receipt with its own
    responsible agency and due date."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        ACTIVE = "active", _("To do")
        TAKEN = "taken", _("Being handled")
        DONE = "done", _("Done")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    responsible_role = models.CharField(_("responsible role"), max_length=20)
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="dossier_steps",
                               verbose_name=_("responsible agency"))
    duration = models.DecimalField(_("duration"), max_digits=7, decimal_places=2)
    due_at = models.DateTimeField(_("due"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.WAITING)
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("handled by"),
    )
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    # Copied from the procedure's step: its holder attaches the draft result (dossiers.services.drafts).
    drafts_result = models.BooleanField(_("drafts the result"), default=False)

    class Meta:
        ordering = ["dossier", "position"]
        constraints = [models.UniqueConstraint(fields=["dossier", "position"], name="dossier_step_unique_position")]
        indexes = [models.Index(fields=["agency", "state", "due_at"])]
        verbose_name = _("dossier step")
        verbose_name_plural = _("dossier steps")

    def __str__(self) -> str:
        return f"{self.dossier} #{self.position} {self.name}"

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    @property
    def is_current(self) -> bool:
        return self.state in (self.State.ACTIVE, self.State.TAKEN)

    def is_late(self, now=None) -> bool:
        return step_is_late(due_at=self.due_at, completed_at=self.completed_at, now=now)


def step_is_late(*, due_at, completed_at, now=None) -> bool:
    """Completed after its due date, or still open past it."""
    return (completed_at or now or timezone.now()) > due_at


class DossierEvent(models.Model):
    """Append-only history of a dossier: the process control slip and the tracking book are built from
    these rows, and nothing else stores history."""

    class Kind(models.TextChoices):
        DRAFTED = "drafted", _("Draft saved")
        SUBMITTED = "submitted", _("Submitted online")
        CREATED_AT_COUNTER = "created_at_counter", _("Filed at the counter")
        RECEIVED = "received", _("Received")
        SUPPLEMENT_REQUESTED = "supplement_requested", _("Supplement requested")
        SUPPLEMENTED = "supplemented", _("Supplement provided")
        REFUSED = "refused", _("Refused")
        STEP_TAKEN = "step_taken", _("Step taken")
        STEP_COMPLETED = "step_completed", _("Step completed")
        STEP_RETURNED = "step_returned", _("Step sent back")
        STEP_TRANSFERRED = "step_transferred", _("Transferred to another agency")
        RESULT_READY = "result_ready", _("Result ready")
        EXTENDED = "extended", _("Deadline extended with apology")
        STOPPED = "stopped", _("Processing stopped")
        WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")
        RETURNED = "returned", _("Result returned")
        RATED = "rated", _("Service rated")
        RESULT_DRAFTED = "result_drafted", _("Draft result attached")
        # A delivery that does not close the dossier: by the rules of closes_with, the electronic result
        # received while the paper original is still owed (or after it was handed over).
        RESULT_DELIVERED = "result_delivered", _("Electronic result received")
        DELIVERY_CHOSEN = "delivery_chosen", _("Way to receive the paper original chosen")
        # Fees and charges paid online through the national payment platform (payments/).
        PAYMENT_REQUESTED = "payment_requested", _("Online payment requested")
        PAID = "paid", _("Fees paid online")
        REFUNDED = "refunded", _("Fees refunded")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30, blank=True)
    step = models.ForeignKey(DossierStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="events")
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        # (at): reconciliation with the NPSP and the tracking book read events by period.
        indexes = [models.Index(fields=["dossier", "at"]), models.Index(fields=["kind", "at"]),
                   models.Index(fields=["at"], name="dossier_event_at")]
        verbose_name = _("dossier event")
        verbose_name_plural = _("dossier events")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class ResultDraft(models.Model):
    """Dự thảo kết quả: the draft result a specialist attaches (or generates) for the leader to review and
    sign. A new draft replaces the current one; the earlier ones are kept (``is_current`` false)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="result_drafts")
    step = models.ForeignKey(DossierStep, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("step"))
    file = models.FileField(upload_to="result-drafts/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    # Generated from the procedure's template: issued in its final form (the signer's name, no draft mark)
    # from the same data when approved.
    generated = models.BooleanField(_("generated from the template"), default=False)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("drafted by"))
    created_at = models.DateTimeField(_("drafted at"), default=timezone.now)
    is_current = models.BooleanField(default=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["dossier"], condition=Q(is_current=True),
                                               name="result_draft_one_current")]
        verbose_name = _("draft result")
        verbose_name_plural = _("draft results")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.original_name}"


class ResultDelivery(models.Model):
    """Trả kết quả: one way the result reached the applicant — the electronic result received online, the
    paper original handed over at the centre, or sent by post. At most one of each kind."""

    class Kind(models.TextChoices):
        ELECTRONIC = "electronic", _("Electronic result received online")
        PAPER_COUNTER = "paper_counter", _("Handed over at the centre")
        PAPER_POST = "paper_post", _("Sent by post")

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="deliveries")
    kind = models.CharField(_("delivery"), max_length=20, choices=Kind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                           verbose_name=_("recorded by"))
    recipient_name = models.CharField(_("received by"), max_length=150, blank=True)
    recipient_id = models.CharField(_("identity document shown"), max_length=20, blank=True)
    address = models.CharField(_("postal address"), max_length=255, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["dossier", "kind"], name="result_delivery_one_per_kind")]
        verbose_name = _("result delivery")
        verbose_name_plural = _("result deliveries")

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"


class Rating(models.Model):
    """Đánh giá mức độ hài lòng: the applicant's rating after the result was returned."""

    class Score(models.TextChoices):
        VERY_SATISFIED = "very_satisfied", _("Very satisfied")
        SATISFIED = "satisfied", _("Satisfied")
        NOT_SATISFIED = "not_satisfied", _("Not satisfied")

    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="rating")
    score = models.CharField(_("rating"), max_length=20, choices=Score.choices)
    comment = models.TextField(_("comment"), blank=True)
    rated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    rated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.dossier_id}: {self.score}"


class RegistryLookup(models.Model):
    """Nhật ký tra cứu Cơ sở dữ liệu quốc gia về dân cư: who asked the national population database about
    which number, and what came of it. Personal data read on someone's behalf is accounted for."""

    class Outcome(models.TextChoices):
        FOUND = "found", _("Found")
        NOT_FOUND = "not_found", _("Not found")
        MISMATCH = "mismatch", _("Not matching the account")
        UNAVAILABLE = "unavailable", _("Registry unavailable")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("asked by"))
    cccd = models.CharField(_("CCCD number looked up"), max_length=12)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("population database lookup")
        verbose_name_plural = _("population database lookups")
        indexes = [models.Index(fields=["user", "at"]), models.Index(fields=["cccd", "at"])]

    def __str__(self) -> str:
        return f"{self.user_id} {self.cccd} {self.outcome} {self.at:%Y-%m-%d %H:%M}"
