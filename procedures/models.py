from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import TimeStamped, localized
from portal.timeunits import TimeUnit
from procedures.validators import validate_procedure_code


class Field(models.Model):
    """Lĩnh vực: the sector a procedure belongs to (civil status, land, construction, ...)."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class Procedure(TimeStamped):
    """Thủ tục hành chính: the stable identity (national code). Its content lives in versions."""

    class ResultTemplate(models.TextChoices):
        """The template the result of a dossier is drafted from (dossiers.slips.result): an outgoing document of
        the resolving agency. Automatic: the procedure's own when the portal knows one for its code (the birth
        registration's extract), else the generic decision."""

        AUTOMATIC = "", _("Automatic (by the procedure's code)")
        DECISION = "decision", _("Decision (Quyết định)")
        BIRTH_EXTRACT = "birth_extract", _("Birth registration extract (Trích lục khai sinh)")

    code = models.CharField(_("procedure code"), max_length=40, unique=True, validators=[validate_procedure_code])
    result_template = models.CharField(
        _("result template"), max_length=30, choices=ResultTemplate.choices, blank=True, default="",
        help_text=_("What the specialist drafts the result from. Automatic: the procedure's own template when the "
                    "portal has one for its code, else a decision."))

    class Meta:
        ordering = ["code"]
        verbose_name = _("administrative procedure")
        verbose_name_plural = _("administrative procedures")

    def __str__(self) -> str:
        return self.code


class PublicationDecision(TimeStamped):
    """Quyết định công bố: the decision under which the provincial admin publishes procedures."""

    number = models.CharField(_("decision number"), max_length=60, unique=True)
    signed_on = models.DateField(_("signed on"))
    signer = models.CharField(_("signer"), max_length=150)
    signer_position = models.CharField(_("signer's position"), max_length=150, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-signed_on", "number"]
        verbose_name = _("publication decision")
        verbose_name_plural = _("publication decisions")

    def __str__(self) -> str:
        return self.number


class ProcedureVersionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ProcedureVersion.Status.PUBLISHED)

    def current(self, on=None):
        """The version in force for each procedure on a date: the published one with the latest
        effective date not after it."""
        on = on or timezone.localdate()
        newer = ProcedureVersion.objects.filter(
            procedure=OuterRef("procedure"),
            status=ProcedureVersion.Status.PUBLISHED,
            effective_from__lte=on,
        ).filter(Q(effective_from__gt=OuterRef("effective_from")) | Q(
            effective_from=OuterRef("effective_from"), number__gt=OuterRef("number")
        ))
        return self.published().filter(effective_from__lte=on).exclude(Exists(newer))


class ProcedureVersion(TimeStamped):
    """One version of a procedure's content. Drafts are edited; published versions are immutable."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    class Level(models.TextChoices):
        PROVINCE = "province", _("Provincial level")
        COMMUNE = "commune", _("Commune level")

    class OnlineLevel(models.TextChoices):
        NONE = "none", _("Not online")
        PARTIAL = "partial", _("Partial online service")
        FULL = "full", _("Full-process online service")

    class PaymentTiming(models.TextChoices):
        """When the applicant pays the fees online (Thanh toán trực tuyến), if at all."""

        NONE = "none", _("Not paid online")
        BEFORE_SUBMISSION = "before_submission", _("Paid online before submission")
        ON_REQUEST = "on_request", _("Paid online when the officer asks")

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)

    name = models.CharField(_("name"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    field = models.ForeignKey(Field, on_delete=models.PROTECT, related_name="versions", verbose_name=_("field"))
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    agency = models.ForeignKey(
        "units.Agency", on_delete=models.PROTECT, related_name="procedure_versions",
        verbose_name=_("implementing agency"),
    )
    result_type = models.CharField(_("result"), max_length=500, blank=True)
    result_type_en = models.CharField(_("result (English)"), max_length=500, blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    processing_time = models.DecimalField(
        _("processing time"), max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    processing_time_unit = models.CharField(
        _("processing time unit"), max_length=20, choices=TimeUnit.choices, default=TimeUnit.WORKING_DAYS
    )
    cutoff_hour = models.TimeField(
        _("daily cut-off hour"), null=True, blank=True,
        help_text=_("Dossiers received after this hour count from the next working day."),
    )
    online_level = models.CharField(
        _("online service level"), max_length=20, choices=OnlineLevel.choices, default=OnlineLevel.PARTIAL
    )
    payment_timing = models.CharField(
        _("online payment of fees"), max_length=20, choices=PaymentTiming.choices, default=PaymentTiming.NONE,
        help_text=_("When an applicant pays this procedure's fees online through the national payment platform."),
    )
    channel_online = models.BooleanField(_("online"), default=True)
    channel_counter = models.BooleanField(_("at the counter"), default=True)
    channel_post = models.BooleanField(_("by post"), default=False)
    regardless_of_residence = models.BooleanField(
        _("received regardless of the applicant's commune"), default=True
    )
    # Most results are papers with a legal original (a birth certificate, a licence): the applicant receives
    # the electronic result online and the paper original at the centre or by post. Some procedures issue
    # their result electronically only.
    issues_paper_original = models.BooleanField(
        _("issues a paper original"), default=True,
        help_text=_("The result has a paper original, handed over at the centre or sent by post, besides the "
                    "electronic result."),
    )
    centres = models.ManyToManyField(
        "units.ServiceCentre", blank=True, related_name="procedure_versions",
        verbose_name=_("centres that receive and return"),
    )

    decision = models.ForeignKey(
        PublicationDecision, on_delete=models.PROTECT, null=True, blank=True, related_name="versions",
        verbose_name=_("publication decision"),
    )
    effective_from = models.DateField(_("effective from"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    search_text = models.TextField(editable=False, default="", db_index=False)

    objects = ProcedureVersionQuerySet.as_manager()

    class Meta:
        ordering = ["procedure__code", "-number"]
        verbose_name = _("procedure version")
        verbose_name_plural = _("procedure versions")
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="procedure_version_unique_number"),
            models.UniqueConstraint(
                fields=["procedure"], condition=Q(status="draft"), name="procedure_version_one_draft"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(decision__isnull=False, effective_from__isnull=False),
                name="procedure_version_published_has_decision",
            ),
        ]
        indexes = [models.Index(fields=["status", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}: {self.name}"

    @property
    def code(self) -> str:
        return self.procedure.code

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    @property
    def display_result_type(self) -> str:
        return localized(self, "result_type")

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT


class RequiredComponent(models.Model):
    """Thành phần hồ sơ: a document the applicant must provide."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="components")
    position = models.PositiveIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    originals = models.PositiveSmallIntegerField(_("originals"), default=1)
    copies = models.PositiveSmallIntegerField(_("copies"), default=0)
    is_mandatory = models.BooleanField(_("mandatory"), default=True)
    form_file = models.FileField(_("form"), upload_to="procedure-forms/", blank=True)
    # The paper that the electronic form (tờ khai điện tử) stands for: the applicant fills in the form's
    # fields instead of attaching a scan, and the portal prints the answers as this component's file.
    filled_by_form = models.BooleanField(
        _("filled in with the e-form"), default=False,
        help_text=_("The applicant answers the procedure's e-form instead of attaching this paper; the "
                    "declaration PDF is generated from the answers."),
    )

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="component_unique_position"),
        ]
        verbose_name = _("required component")
        verbose_name_plural = _("required components")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    @property
    def must_attach(self) -> bool:
        """A paper the dossier cannot be submitted without: mandatory, and handed in (an original or a
        copy). A mandatory paper with no original and no copy is only shown at the counter; the paper the
        e-form fills in is printed by the portal from the answers."""
        return self.is_mandatory and self.originals + self.copies > 0 and not self.filled_by_form

    @property
    def shown_only(self) -> bool:
        """Xuất trình: shown to the officer (an identity card), not handed in nor attached online."""
        return self.is_mandatory and self.originals + self.copies == 0


class FormField(models.Model):
    """Trường của tờ khai điện tử: one question of the procedure's electronic form, in the version's
    content like its components. Answers are stored on the dossier under ``key``; procedures.eforms
    turns the fields into a Django form and checks the answers."""

    class Type(models.TextChoices):
        TEXT = "text", _("Text")
        LONG_TEXT = "long_text", _("Long text")
        DATE = "date", _("Date")
        NUMBER = "number", _("Number")
        CHOICE = "choice", _("Choice from a list")
        YES_NO = "yes_no", _("Yes or no")
        CCCD = "cccd", _("CCCD number")
        PHONE = "phone", _("Phone number")
        EMAIL = "email", _("Email address")

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="form_fields")
    position = models.PositiveIntegerField(_("order"))
    section = models.CharField(_("section"), max_length=200, blank=True)
    section_en = models.CharField(_("section (English)"), max_length=200, blank=True)
    key = models.CharField(_("key"), max_length=40)
    label = models.CharField(_("label"), max_length=300)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    type = models.CharField(_("type"), max_length=20, choices=Type.choices, default=Type.TEXT)
    required = models.BooleanField(_("required"), default=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    options_en = models.JSONField(_("options (English)"), default=list, blank=True)
    help_text = models.CharField(_("help text"), max_length=500, blank=True)
    help_text_en = models.CharField(_("help text (English)"), max_length=500, blank=True)
    max_length = models.PositiveIntegerField(_("maximum length"), null=True, blank=True)
    min_value = models.DecimalField(_("minimum"), max_digits=15, decimal_places=2, null=True, blank=True)
    max_value = models.DecimalField(_("maximum"), max_digits=15, decimal_places=2, null=True, blank=True)
    not_future = models.BooleanField(_("not after today"), default=False)

    class Meta:
        ordering = ["version", "position"]
        constraints = [
            models.UniqueConstraint(fields=["version", "position"], name="form_field_unique_position"),
            models.UniqueConstraint(fields=["version", "key"], name="form_field_unique_key"),
        ]
        verbose_name = _("e-form field")
        verbose_name_plural = _("e-form fields")

    def __str__(self) -> str:
        return f"{self.key}: {self.label}"

    @property
    def display_label(self) -> str:
        return localized(self, "label")


class Fee(models.Model):
    """Phí, lệ phí."""

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="fees")
    position = models.PositiveIntegerField(_("order"))
    description = models.CharField(_("description"), max_length=500)
    description_en = models.CharField(_("description (English)"), max_length=500, blank=True)
    amount = models.PositiveBigIntegerField(_("amount (VND)"), default=0)

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="fee_unique_position")]
        verbose_name = _("fee")
        verbose_name_plural = _("fees")

    def __str__(self) -> str:
        return f"{self.description}: {self.amount}"

    @property
    def display_description(self) -> str:
        return localized(self, "description")


class InternalProcessStep(models.Model):
    """Bước của quy trình nội bộ: who does what, in how long (in the version's time unit)."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("One-stop officer")
        SPECIALIST = "specialist", _("Specialist")
        LEADER = "leader", _("Leader")
        CLERK = "clerk", _("Clerk")

    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=500)
    name_en = models.CharField(_("name (English)"), max_length=500, blank=True)
    responsible_role = models.CharField(_("responsible role"), max_length=20, choices=Role.choices)
    responsible_agency = models.ForeignKey(
        "units.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("responsible agency"), help_text=_("Empty means the receiving centre."),
    )
    duration = models.DecimalField(
        _("duration"), max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    drafts_result = models.BooleanField(
        _("drafts the result"), default=False,
        help_text=_("Whoever handles this step attaches the draft result the leader reviews and signs."),
    )

    class Meta:
        ordering = ["version", "position"]
        constraints = [models.UniqueConstraint(fields=["version", "position"], name="step_unique_position")]
        verbose_name = _("internal process step")
        verbose_name_plural = _("internal process steps")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class ProcedureEvent(models.Model):
    """Append-only history of the catalogue: drafts, publications, supersessions."""

    class Kind(models.TextChoices):
        DRAFTED = "drafted", _("Draft created")
        IMPORTED = "imported", _("Imported")
        PUBLISHED = "published", _("Published")

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="events")
    version = models.ForeignKey(ProcedureVersion, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("catalogue event")
        verbose_name_plural = _("catalogue events")

    def __str__(self) -> str:
        return f"{self.procedure_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"
