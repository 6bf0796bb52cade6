"""Phản ánh, kiến nghị (PAKN): citizens' feedback and petitions about administrative regulations, procedures,
dossiers, centres and officials' conduct (Decree 20/2008/NĐ-CP), and the hotline desk's call log.

State changes happen only in feedback/services/; the guards they check are the ``can_*`` methods here, so the
pages and the API offer exactly the actions the services accept. Deadlines follow the national PAKN system
(refuse within 2 working days, ask for information or forward within 5, handle within 15 — configurable per
category —, publish within 2 after the answer), counted on the working-day calendar (feedback/deadlines.py)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import TimeStamped


class PetitionQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PetitionQuerySet":
        """Who reads a petition (DESIGN.md §7): the citizen who filed it (their account); officials of the
        agency that holds it now, of an agency it passed through, of the centre it is about, and those who
        may see the dossier it is about; the province's hotline desk and admins all of them. Anyone else
        sees only published answers, through the public page (``published``), never here."""
        if not user or not user.is_authenticated:
            return self.none()
        if user.is_provincial_admin or user.role == user.Role.HOTLINE:
            return self
        if not user.is_official:
            return self.filter(citizen=user)
        condition = Q(pk__in=[])
        if user.agency_id:
            passed = PetitionEvent.objects.filter(petition=OuterRef("pk"), agency_id=user.agency_id)
            condition |= Q(agency_id=user.agency_id) | Exists(passed)
        if user.centre_id:
            condition |= Q(centre_id=user.centre_id)
        from dossiers.models import Dossier  # dossiers is below feedback: its visibility rule is the one

        condition |= Q(dossier__in=Dossier.objects.visible_to(user).values("pk"))
        return self.filter(condition)

    def published(self) -> "PetitionQuerySet":
        return self.filter(state=Petition.State.PUBLISHED)

    def open(self) -> "PetitionQuerySet":
        return self.filter(state__in=Petition.OPEN_STATES)


class Petition(TimeStamped):
    """Một phản ánh hoặc kiến nghị: what a person or organisation reported, and its way to a published answer."""

    class Kind(models.TextChoices):
        FEEDBACK = "feedback", _("Feedback (phản ánh)")
        PROPOSAL = "proposal", _("Petition (kiến nghị)")

    class Channel(models.TextChoices):
        ONLINE = "online", _("Online")
        HOTLINE = "hotline", _("Hotline call")
        COUNTER = "counter", _("In writing, at a centre")
        POST = "post", _("By post")
        EMAIL = "email", _("By e-mail")

    class Klass(models.TextChoices):
        """The two classes of the national PAKN system (Decision 766, indicator 5.1)."""

        REGULATION = "regulation", _("Regulations, policies and procedures")
        CONDUCT = "conduct", _("Conduct of officials")

    class Category(models.TextChoices):
        """The eight contents of Decree 20/2008/NĐ-CP, Art. 5 (the first is the conduct of officials)."""

        CONDUCT = "conduct", _("Delay, harassment or wrong handling by officials")
        UNFIT = "unfit", _("A regulation does not fit reality")
        INCONSISTENT = "inconsistent", _("Regulations contradict each other")
        ILLEGAL = "illegal", _("A regulation is unlawful")
        TREATY = "treaty", _("A regulation conflicts with a treaty")
        OTHER = "other", _("Other problems with a regulation")
        SOLUTION = "solution", _("A proposed solution")
        INITIATIVE = "initiative", _("An initiative for a new regulation")

    class About(models.TextChoices):
        DOSSIER = "dossier", _("One of my dossiers")
        PROCEDURE = "procedure", _("An administrative procedure")
        CENTRE = "centre", _("A service centre")
        OFFICIAL = "official", _("An official's conduct")
        OTHER = "other", _("Something else")

    class State(models.TextChoices):
        RECEIVED = "received", _("Received, being classified")
        INFO_REQUESTED = "info_requested", _("Waiting for more information")
        IN_PROGRESS = "in_progress", _("Being handled")
        ANSWER_PROPOSED = "answer_proposed", _("Answer awaiting approval")
        ANSWERED = "answered", _("Answered, awaiting publication")
        PUBLISHED = "published", _("Answered and published")
        REFUSED = "refused", pgettext_lazy("petition state", "Not accepted")
        FORWARDED = "forwarded", _("Forwarded to a competent agency outside the portal")

    class Rating(models.TextChoices):
        SATISFIED = "satisfied", _("Satisfied")
        UNSATISFIED = "unsatisfied", _("Not satisfied")

    # Where the handling clock runs, and what is still being worked on.
    OPEN_STATES = (State.RECEIVED, State.INFO_REQUESTED, State.IN_PROGRESS, State.ANSWER_PROPOSED, State.ANSWERED)
    FINAL_STATES = (State.PUBLISHED, State.REFUSED, State.FORWARDED)
    ANSWERED_STATES = (State.ANSWERED, State.PUBLISHED)
    CONDUCT_CATEGORIES = (Category.CONDUCT,)

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("petition code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.FEEDBACK)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.RECEIVED)

    title = models.CharField(_("subject"), max_length=200)
    content = models.TextField(_("what happened"))
    proposal = models.TextField(_("proposed solution"), blank=True)
    about = models.CharField(_("about"), max_length=20, choices=About.choices, default=About.OTHER)
    dossier = models.ForeignKey(
        "dossiers.Dossier", on_delete=models.PROTECT, null=True, blank=True, related_name="petitions",
        verbose_name=_("dossier"),
    )
    procedure = models.ForeignKey(
        "procedures.Procedure", on_delete=models.PROTECT, null=True, blank=True, related_name="petitions",
        verbose_name=_("procedure"),
    )
    centre = models.ForeignKey(
        "units.ServiceCentre", on_delete=models.PROTECT, null=True, blank=True, related_name="petitions",
        verbose_name=_("service centre"),
    )
    official_name = models.CharField(_("official concerned"), max_length=150, blank=True)

    # Who reported it (Decree 20/2008 Art. 7: name, address and a phone number; nothing anonymous).
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions",
        verbose_name=_("citizen's account"),
    )
    name = models.CharField(_("full name or organisation"), max_length=150)
    address = models.CharField(_("address"), max_length=255)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("email"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("recorded by"), help_text=_("The hotline or counter officer who took it down."),
    )

    klass = models.CharField(_("class"), max_length=20, choices=Klass.choices, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    agency = models.ForeignKey(
        "units.Agency", on_delete=models.PROTECT, related_name="petitions", verbose_name=_("handling agency")
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("handling official"),
    )
    forwarded_to = models.CharField(_("forwarded to"), max_length=255, blank=True)

    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)
    # When the agency holding it now received it: the submission, or the forward from another agency (the
    # national system counts the 2 and 5 working days from either).
    received_at = models.DateTimeField(_("received at"))
    refuse_due_at = models.DateTimeField(_("refuse by"))
    intake_due_at = models.DateTimeField(_("classify or forward by"))
    due_at = models.DateTimeField(_("handle by"))
    publish_due_at = models.DateTimeField(_("publish by"), null=True, blank=True)
    # The deadline of what is expected next (None when nothing is, or the clock stands still): the worklists'
    # due-soon and overdue, and escalation, read this one column.
    deadline_at = models.DateTimeField(_("next deadline"), null=True, blank=True, db_index=True)
    paused_at = models.DateTimeField(_("clock paused at"), null=True, blank=True)
    paused_hours = models.DecimalField(_("working hours waiting for the citizen"), max_digits=9, decimal_places=2,
                                       default=0)
    # When each national deadline was met (or missed): the figures compare these with the due dates.
    classified_at = models.DateTimeField(_("classified at"), null=True, blank=True)
    info_requested_at = models.DateTimeField(_("information requested at"), null=True, blank=True)
    refused_at = models.DateTimeField(_("refused at"), null=True, blank=True)
    forwarded_at = models.DateTimeField(_("forwarded at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for not accepting"), blank=True)
    info_request = models.TextField(_("information requested"), blank=True)

    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("answer drafted by"),
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("answer approved by"),
    )
    # What the public page shows: the title, content and answer with personal data masked (feedback/masking.py),
    # fixed at publication.
    public_title = models.CharField(_("published subject"), max_length=200, blank=True)
    public_content = models.TextField(_("published content"), blank=True)
    public_answer = models.TextField(_("published answer"), blank=True)
    search_text = models.TextField(editable=False, default="")

    rating = models.CharField(_("rating"), max_length=20, choices=Rating.choices, blank=True)
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    # 0: nobody; 1: the agency's leader; 2: the provincial admins (feedback/services/escalation.py).
    escalation_level = models.PositiveSmallIntegerField(_("escalation level"), default=0)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("petition")
        verbose_name_plural = _("petitions")
        indexes = [
            models.Index(fields=["agency", "state", "deadline_at"], name="petition_worklist"),
            models.Index(fields=["state", "-published_at"], name="petition_published"),
            models.Index(fields=["agency", "submitted_at"], name="petition_figures"),
        ]

    def __str__(self) -> str:
        return f"{self.code}: {self.title}"

    # Guards (the services check them again under the row lock).
    def can_classify(self) -> bool:
        return self.state == self.State.RECEIVED

    def can_request_info(self) -> bool:
        return self.state == self.State.RECEIVED

    def can_supply_info(self) -> bool:
        return self.state == self.State.INFO_REQUESTED

    def can_assign(self) -> bool:
        return self.state == self.State.IN_PROGRESS

    def can_propose_answer(self) -> bool:
        return self.state == self.State.IN_PROGRESS

    def can_decide_answer(self) -> bool:
        return self.state == self.State.ANSWER_PROPOSED

    def can_publish(self) -> bool:
        return self.state == self.State.ANSWERED

    def can_rate(self) -> bool:
        return self.state in self.ANSWERED_STATES and not self.rating

    def reopen_until(self):
        """The last moment the citizen may reopen an answer they are not satisfied with (None: never)."""
        if self.answered_at is None or self.reopen_count >= settings.FEEDBACK_MAX_REOPENS:
            return None
        return self.answered_at + timezone.timedelta(days=settings.FEEDBACK_REOPEN_DAYS)

    def can_reopen(self, now=None) -> bool:
        until = self.reopen_until()
        return (self.state in self.ANSWERED_STATES and self.rating == self.Rating.UNSATISFIED
                and until is not None and (now or timezone.now()) <= until)

    @property
    def is_overdue(self) -> bool:
        return self.deadline_at is not None and self.deadline_at < timezone.now()

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None


class PetitionCodeSeries(models.Model):
    """The day's counter of petition codes (``PAKN-{yymmdd}-{sequence}``): a locked row per day, gap-free."""

    day = models.DateField(unique=True)
    last_number = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.day:%y%m%d} #{self.last_number}"


class HandlingTime(models.Model):
    """Thời hạn xử lý: the working days an agency has to handle petitions of a category (15 by default,
    FEEDBACK_HANDLING_DAYS), set by the provincial admin."""

    category = models.CharField(_("category"), max_length=20, choices=Petition.Category.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(_("working days"))

    class Meta:
        ordering = ["category"]
        verbose_name = _("handling time")
        verbose_name_plural = _("handling times")

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.working_days}"


class PetitionEvent(models.Model):
    """Sổ theo dõi: one append-only line of a petition's history, written with its change, in its transaction."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        CLASSIFIED = "classified", _("Accepted and classified")
        REFUSED = "refused", pgettext_lazy("petition event", "Not accepted")
        INFO_REQUESTED = "info_requested", _("More information requested")
        INFO_SUPPLIED = "info_supplied", _("Information supplied")
        FORWARDED = "forwarded", _("Forwarded")
        ASSIGNED = "assigned", _("Assigned")
        ANSWER_PROPOSED = "answer_proposed", _("Answer proposed")
        ANSWER_RETURNED = "answer_returned", _("Answer sent back for rework")
        ANSWERED = "answered", _("Answer approved and sent")
        PUBLISHED = "published", _("Answer published")
        RATED = "rated", _("Rated")
        REOPENED = "reopened", _("Reopened")
        ARRIVED = "arrived", _("Received from another agency")
        ESCALATED = "escalated", _("Escalated")
        NOTE = "note", _("Note")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                              related_name="+", verbose_name=_("by"))
    # The agency that held the petition when this happened (its officials keep reading what passed by them).
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    # Whether a national deadline this event answers was met (refused in 2, asked or forwarded in 5, answered
    # in 15, published in 2 working days); None when it answers none. The figures count these.
    on_time = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["agency", "kind", "at"], name="petitionevent_figures")]
        verbose_name = _("petition event")
        verbose_name_plural = _("petition events")

    def __str__(self) -> str:
        return f"{self.petition.code} {self.kind}"


class PetitionFile(models.Model):
    """A photo or PDF the citizen attached, checked by content like a dossier's papers (portal.uploads)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="petitions/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("petition file")
        verbose_name_plural = _("petition files")

    def __str__(self) -> str:
        return self.original_name


class HotlineCall(models.Model):
    """Sổ ghi cuộc gọi: one call to the hotline, written down by the officer who took it, truthfully
    (Decree 20/2008 Art. 7), with what became of it."""

    class Outcome(models.TextChoices):
        ANSWERED = "answered", _("Answered at once")
        PETITION = "petition", _("Petition opened")
        REFERRED = "referred", _("Referred elsewhere")
        NO_ACTION = "no_action", _("No action needed")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    hotline = models.ForeignKey("hotlines.Hotline", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="calls", verbose_name=_("hotline"))
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                                verbose_name=_("hotline officer"))
    caller_phone = models.CharField(_("caller's number"), max_length=20)
    caller_name = models.CharField(_("caller's name"), max_length=150, blank=True)
    started_at = models.DateTimeField(_("call started"), default=timezone.now)
    summary = models.TextField(_("what the caller said"))
    dossier = models.ForeignKey("dossiers.Dossier", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="hotline_calls", verbose_name=_("dossier"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    response = models.TextField(_("what the officer answered"), blank=True)
    petition = models.OneToOneField(Petition, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="call", verbose_name=_("petition"))

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("hotline call")
        verbose_name_plural = _("hotline calls")
        indexes = [models.Index(fields=["officer", "-started_at"], name="hotlinecall_officer")]

    def __str__(self) -> str:
        return f"{self.caller_phone} {self.started_at:%Y-%m-%d %H:%M}"
