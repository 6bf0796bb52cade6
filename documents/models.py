"""Văn bản: the kinds of document and the registers that number them (Decree 30/2020/NĐ-CP art. 15, 22).

A register (sổ đăng ký) belongs to one agency and one direction (outgoing or incoming); secret documents
have registers of their own. Its numbers run from 01 on 1 January, consecutive, unique and never reused:
a counter row per register and year is locked while a number is taken (documents.services)."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from portal.models import localized


class DocumentType(models.Model):
    """Loại văn bản (art. 7) with its abbreviation as the decree writes it (mixed case kept: QyĐ, CTr)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=10, blank=True,
                                    help_text=_("As Appendix III writes it; empty for công văn and thư công."))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class Register(models.Model):
    """Sổ đăng ký văn bản đi / đến of one agency. ``types`` limits which kinds it numbers (the head of the
    agency decides the scheme); empty means every kind."""

    class Direction(models.TextChoices):
        OUTGOING = "outgoing", _("Outgoing documents")
        INCOMING = "incoming", _("Incoming documents")

    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="document_registers",
                               verbose_name=_("agency"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    name = models.CharField(_("name"), max_length=150)
    secret = models.BooleanField(_("for secret documents"), default=False,
                                 help_text=_("Secret documents are numbered in a series of their own."))
    types = models.ManyToManyField(DocumentType, blank=True, related_name="registers",
                                   verbose_name=_("document types numbered"))
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["agency", "direction", "secret", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "direction", "name"], name="register_unique_name")]
        verbose_name = _("document register")
        verbose_name_plural = _("document registers")

    def __str__(self) -> str:
        return f"{self.name} · {self.agency}"


class RegisterCounter(models.Model):
    """The last number a register gave in a year; its row is locked while the next one is taken."""

    register = models.ForeignKey(Register, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["register", "year"], name="register_counter_unique_year")]

    def __str__(self) -> str:
        return f"{self.register_id} {self.year} #{self.last_number}"


class OrgUnit(models.Model):
    """Đơn vị thuộc cơ quan: a phòng, ban or văn phòng of an agency. Its ``code`` is the drafting unit's
    abbreviation in a công văn's ký hiệu ("45/UBND-VP")."""

    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="org_units",
                               verbose_name=_("agency"))
    code = models.CharField(_("abbreviation"), max_length=10, help_text=_("As written in a công văn's symbol: VP, VX, KT."))
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    members = models.ManyToManyField("accounts.User", through="UnitMembership", related_name="org_units",
                                     verbose_name=_("members"))
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["agency", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="orgunit_unique_code")]
        verbose_name = _("internal unit")
        verbose_name_plural = _("internal units")

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return localized(self, "name")


class UnitMembership(models.Model):
    """An official working in a unit; ``is_head`` for its head (trưởng phòng, chánh văn phòng) or deputy who
    assigns the unit's documents."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("unit"))
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="unit_memberships",
                             verbose_name=_("official"), limit_choices_to=~Q(role="citizen"))
    is_head = models.BooleanField(_("heads the unit"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "user"], name="unitmembership_unique")]
        verbose_name = _("unit membership")
        verbose_name_plural = _("unit memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.unit}"


class Document(models.Model):
    """Văn bản: one outgoing document of an agency (from draft to issue), or one incoming document an agency
    received (from arrival to done). The metadata fields bear the names of Decree 30/2020 Appendix VI and
    edXML (OrganId, CodeNumber, CodeNotation, IssuedDate, Subject, SignerInfo, Priority, DueDate,
    ArrivalDate, ArrivalNumber), so the exchange of documents outside the portal maps them one to one.

    An internal recipient gets a document of its own (direction incoming) linked to the sender's
    ``Recipient`` row, which shows the sender its progress."""

    class Direction(models.TextChoices):
        OUTGOING = "outgoing", _("Outgoing")
        INCOMING = "incoming", _("Incoming")

    class State(models.TextChoices):
        # Outgoing (Art. 14)
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("Awaiting review")
        SENT_BACK = "sent_back", _("Sent back for changes")
        TO_SIGN = "to_sign", _("Awaiting signature")
        SIGNED = "signed", _("Signed, awaiting number")
        ISSUED = "issued", pgettext_lazy("document state", "Issued")
        # Incoming (Art. 20–24)
        ARRIVED = "arrived", _("Arrived, awaiting registration")
        REGISTERED = "registered", _("Registered, awaiting direction")
        DIRECTED = "directed", _("Directed")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", pgettext_lazy("document state", "Done")
        REFUSED = "refused", _("Returned to the sender")
        # Both
        RECALLED = "recalled", _("Recalled")

    class Urgency(models.IntegerChoices):
        # edXML OtherInfo/Priority (document-exchange-edxml.md): 0 normal … 3 hỏa tốc; 4 hỏa tốc hẹn giờ.
        NORMAL = 0, _("Normal")
        URGENT = 1, _("Urgent (Khẩn)")
        VERY_URGENT = 2, _("Very urgent (Thượng khẩn)")
        FLASH = 3, _("Flash (Hỏa tốc)")

    class Secrecy(models.IntegerChoices):
        NONE = 0, _("Not secret")
        SECRET = 1, _("Secret (Mật)")
        TOP_SECRET = 2, _("Top secret (Tối mật)")
        ABSOLUTE = 3, _("Absolute secret (Tuyệt mật)")

    class Channel(models.TextChoices):
        PORTAL = "portal", _("From an agency in the portal")
        PAPER = "paper", _("On paper")
        AXIS = "axis", _("Over the document axis")
        EMAIL = "email", _("By email")

    class Source(models.TextChoices):
        PDF = "pdf", _("Uploaded PDF")
        DOCX = "docx", _("Uploaded Word document, converted to PDF")
        COMPOSED = "composed", _("Composed in the portal")

    class Check(models.TextChoices):
        """The clerk's check of an arrival's integrity and signatures (Art. 21.2), by signatures.verification."""

        VALID = "valid", _("Signatures valid")
        UNSIGNED = "unsigned", _("No digital signature")
        UNTRUSTED = "untrusted", _("Signed, certificate not confirmed")
        ALTERED = "altered", _("Altered or unreadable")
        UNCHECKED = "unchecked", _("Could not be checked")

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="documents",
                               verbose_name=_("agency"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    document_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT, related_name="documents",
                                      verbose_name=_("document type"))
    register = models.ForeignKey(Register, on_delete=models.PROTECT, null=True, blank=True, related_name="documents",
                                 verbose_name=_("register"))
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True,
                                            help_text=_("The register's year the number belongs to."))
    # Appendix VI: CodeNumber (the document's số, as its issuer wrote it) and CodeNotation (its ký hiệu).
    code_number = models.CharField(_("number"), max_length=11, blank=True)
    code_notation = models.CharField(_("symbol"), max_length=30, blank=True)
    issued_date = models.DateField(_("date of the document"), null=True, blank=True)
    organ_id = models.CharField(_("issuer's code"), max_length=20, blank=True)
    organ_name = models.CharField(_("issuing agency"), max_length=200, blank=True)
    subject = models.CharField(_("subject (trích yếu)"), max_length=500)
    language = models.CharField(_("language"), max_length=30, default="vi")
    page_amount = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    description = models.CharField(_("description"), max_length=500, blank=True)
    signer_position = models.CharField(_("signer's position"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer"), max_length=50, blank=True)
    urgency = models.PositiveSmallIntegerField(_("urgency"), choices=Urgency.choices, default=Urgency.NORMAL)
    secrecy = models.PositiveSmallIntegerField(_("secrecy"), choices=Secrecy.choices, default=Secrecy.NONE)
    issued_amount = models.PositiveSmallIntegerField(_("copies issued"), null=True, blank=True)
    due_date = models.DateField(_("due date"), null=True, blank=True,
                                help_text=_("Outgoing: the date a reply is due. Incoming: the deadline to handle it."))
    # Incoming only
    arrival_at = models.DateTimeField(_("arrived"), null=True, blank=True)
    arrival_number = models.PositiveIntegerField(_("incoming number"), null=True, blank=True)
    channel = models.CharField(_("received"), max_length=10, choices=Channel.choices, blank=True)
    delivery = models.OneToOneField("Recipient", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="incoming", verbose_name=_("delivery"),
                                    help_text=_("The sender's recipient row this incoming copy came through."))
    direction_note = models.TextField(_("leader's direction"), blank=True)
    check_status = models.CharField(_("integrity and signature check"), max_length=10, choices=Check.choices,
                                    blank=True)
    check_report = models.JSONField(_("check details"), default=dict, blank=True)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    # Outgoing only
    source = models.CharField(_("body from"), max_length=10, choices=Source.choices, blank=True,
                              help_text=_("Where the current draft's body comes from."))
    body = models.TextField(_("text"), blank=True,
                            help_text=_("A composed document's body, one paragraph a line."))
    drafting_unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="drafted_documents", verbose_name=_("drafting unit"))
    authority_line = models.CharField(_("authority line"), max_length=200, blank=True,
                                      help_text=_("E.g. TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH."))
    signer = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="documents_to_sign", verbose_name=_("signing leader"))
    reply_to = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies",
                                 verbose_name=_("in reply to"))
    replaces = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="replaced_by", verbose_name=_("replaces"))
    corrects = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="corrected_by", verbose_name=_("corrects"))
    # A dossier's result (issue 12 §2): the code of the dossier whose result this is. Its own process drafts,
    # signs, numbers and issues it from the dossier's page; the documents' pages only show it.
    result_of = models.CharField(_("result of dossier"), max_length=40, blank=True, help_text=_(
        "The dossier whose result this document is: it is signed, numbered and issued from the dossier's page."))
    # Empty for a document that arrived over the national document axis: nobody in the portal made it.
    created_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="documents_created", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    recalled_at = models.DateTimeField(_("recalled"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            # Appendix VI: an incoming number, and an issued number, once per register and year.
            models.UniqueConstraint(fields=["register", "year", "arrival_number"],
                                    condition=Q(arrival_number__isnull=False), name="document_unique_arrival"),
            models.UniqueConstraint(fields=["register", "year", "code_number"],
                                    condition=Q(direction="outgoing") & ~Q(code_number=""),
                                    name="document_unique_outgoing_number"),
        ]
        indexes = [
            models.Index(fields=["agency", "direction", "state", "-created_at"], name="document_worklist"),
            models.Index(fields=["agency", "direction", "issued_date"], name="document_agency_issued"),
            models.Index(fields=["organ_id", "code_number", "code_notation", "issued_date"],
                         name="document_sender_number"),
            # Search results and lists newest first within an agency (documents.selectors.search).
            models.Index(fields=["agency", "-created_at", "-id"], name="document_agency_newest"),
        ]

    def __str__(self) -> str:
        return self.number_display or self.subject[:60]

    @property
    def number_display(self) -> str:
        """Số, ký hiệu as printed: "15/QĐ-UBND"."""
        if self.code_number and self.code_notation:
            return f"{self.code_number}/{self.code_notation}"
        return self.code_number or self.code_notation

    @property
    def priority(self) -> int:
        """Appendix VI field Priority (Number(1), "mức độ khẩn, độ mật"): the urgency; the secrecy is kept
        apart, and a secret document never crosses the exchange."""
        return self.urgency

    @property
    def is_secret(self) -> bool:
        return self.secrecy != self.Secrecy.NONE

    @property
    def is_urgent(self) -> bool:
        return self.urgency != self.Urgency.NORMAL

    @property
    def is_frozen(self) -> bool:
        """A recalled document is kept as it was (Appendix VI III.8): nothing more happens to it."""
        return self.state == self.State.RECALLED


class DocumentFile(models.Model):
    """A file of a document: a draft's version, the main (signed, numbered) file, or an attachment."""

    class Kind(models.TextChoices):
        DRAFT = "draft", _("Draft")
        MAIN = "main", _("Main file")
        ATTACHMENT = "attachment", _("Attachment")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files",
                                 verbose_name=_("document"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveIntegerField(_("size"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    text = models.TextField(_("extracted text"), blank=True, help_text=_("For full-text search."))
    uploaded_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["document", "kind", "version", "id"]
        verbose_name = _("document file")
        verbose_name_plural = _("document files")

    def __str__(self) -> str:
        return self.name


class DocumentSearch(models.Model):
    """What search compares for one document (Appendix VI: every field and the full text of the files),
    kept apart so that reading a document never loads it. ``text``: the words of every field, of its
    recipients and of its files, folded (documents.searchtext.words); ``key``: the number and symbol,
    subject, sender and signer folded with their punctuation, for substring search. On PostgreSQL,
    migration 0004 adds the generated column ``vector`` (to_tsvector('simple', text)) with a GIN index, and
    a trigram GIN index on ``key``. Written only by documents.services.search.search_refresh."""

    document = models.OneToOneField(Document, on_delete=models.CASCADE, primary_key=True, related_name="search",
                                    verbose_name=_("document"))
    # The document's agency and creation time, copied (neither ever changes) so that "this agency's newest
    # matches" is answered from this table's indexes alone.
    agency = models.ForeignKey("units.Agency", on_delete=models.CASCADE, related_name="+", db_index=False,
                               verbose_name=_("agency"))
    created_at = models.DateTimeField(_("created"))
    text = models.TextField(_("search text"), blank=True)
    key = models.TextField(_("search key"), blank=True)

    class Meta:
        indexes = [models.Index(fields=["agency", "-created_at", "-document"], name="documentsearch_newest")]
        verbose_name = _("document search text")
        verbose_name_plural = _("document search texts")

    def __str__(self) -> str:
        return f"{self.document_id}"


class Recipient(models.Model):
    """Nơi nhận of an outgoing document: an agency or a unit in the portal, or an organisation outside it
    (reached over the exchange of issue 13). Its ``status`` is what the sender sees (Appendix VI: the sender
    follows the recipient's handling)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        RECEIVED = "received", _("Received")
        REGISTERED = "registered", pgettext_lazy("recipient status", "Registered")
        ASSIGNED = "assigned", _("Assigned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", pgettext_lazy("recipient status", "Done")
        REFUSED = "refused", pgettext_lazy("recipient status", "Refused")
        RECALLED = "recalled", _("Recalled")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="recipients",
                                 verbose_name=_("document"))
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("agency"))
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("unit"))
    external_organ_id = models.CharField(_("outside organisation's code"), max_length=20, blank=True)
    external_name = models.CharField(_("outside organisation"), max_length=200, blank=True)
    for_information = models.BooleanField(_("for information only"), default=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    status_at = models.DateTimeField(_("status since"), null=True, blank=True)
    status_note = models.CharField(_("note"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["document", "position", "id"]
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [
            models.CheckConstraint(
                condition=(Q(agency__isnull=False, unit__isnull=True, external_name="")
                           | Q(agency__isnull=True, unit__isnull=False, external_name="")
                           | Q(agency__isnull=True, unit__isnull=True) & ~Q(external_name="")),
                name="recipient_one_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.agency_id:
            return self.agency.display_name
        if self.unit_id:
            return self.unit.display_name
        return self.external_name

    @property
    def is_internal(self) -> bool:
        return not self.external_name


class Assignment(models.Model):
    """Phiếu giải quyết văn bản đến (Appendix IV; Art. 23.4, 24): the leader gives an incoming document to a
    unit or a person to lead, to others to co-operate or for information, each with a deadline; a unit's head
    then gives the unit's part to one of its officials (``parent``)."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Leads")
        COOPERATE = "cooperate", _("Co-operates")
        INFORM = "inform", _("For information")

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("assignment state", "Open")
        DONE = "done", pgettext_lazy("assignment state", "Done")
        CANCELLED = "cancelled", _("Cancelled")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="assignments",
                                 verbose_name=_("document"))
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True, related_name="children",
                               verbose_name=_("given by the unit's assignment"))
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="assignments",
                             verbose_name=_("unit"))
    user = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="document_assignments", verbose_name=_("official"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    instruction = models.TextField(_("instruction"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    assigned_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+",
                                    verbose_name=_("assigned by"))
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    result_note = models.TextField(_("result"), blank=True)
    # Reminders (documents.tasks): one a working day before the deadline, one once it has passed.
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    overdue_reminded_at = models.DateTimeField(_("overdue reminder sent"), null=True, blank=True)

    class Meta:
        ordering = ["document", "assigned_at", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(condition=Q(unit__isnull=False) | Q(user__isnull=False),
                                   name="assignment_unit_or_user"),
        ]
        indexes = [
            models.Index(fields=["user", "state", "deadline"], name="assignment_user_open"),
            models.Index(fields=["unit", "state", "deadline"], name="assignment_unit_open"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} → {self.user or self.unit} ({self.role})"


class Participant(models.Model):
    """An official explicitly given a document: its drafter, reviewer, signer, the clerk who registered it,
    its handlers. The only way to see a secret document (documents.permissions)."""

    class Role(models.TextChoices):
        DRAFTER = "drafter", _("Drafter")
        REVIEWER = "reviewer", _("Reviewer")
        SIGNER = "signer", _("Signer")
        CLERK = "clerk", _("Clerk")
        HANDLER = "handler", _("Handler")
        READER = "reader", _("Reader")

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="participants",
                                 verbose_name=_("document"))
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="document_participations",
                             verbose_name=_("official"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["document", "user", "role"], name="participant_unique")]
        indexes = [models.Index(fields=["user", "document"], name="participant_user")]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return f"{self.user} · {self.role}"


class DocumentEvent(models.Model):
    """The document's trail (Appendix VI: directions, drafts, comments, approvals, the access history and every
    action). Append-only: written through documents.events.record, never changed or deleted."""

    class Kind(models.TextChoices):
        CREATED = "created", pgettext_lazy("document event", "Created")
        VIEWED = "viewed", _("Viewed")
        DOWNLOADED = "downloaded", _("File downloaded")
        FILE_ADDED = "file_added", _("File added")
        EDITED = "edited", _("Details changed")
        SUBMITTED = "submitted", _("Sent for review")
        APPROVED = "approved", _("Approved")
        SENT_BACK = "sent_back", _("Sent back")
        SIGNED = "signed", _("Signed")
        NUMBERED = "numbered", _("Numbered")
        ISSUED = "issued", pgettext_lazy("document event", "Issued")
        ARRIVED = "arrived", pgettext_lazy("document event", "Arrived")
        CHECKED = "checked", _("Integrity and signature checked")
        REGISTERED = "registered", pgettext_lazy("document event", "Registered")
        REFUSED = "refused", _("Returned to the sender")
        DIRECTED = "directed", _("Directed")
        ASSIGNED = "assigned", _("Assigned")
        COMMENTED = "commented", _("Commented")
        COMPLETED = "completed", _("Completed")
        REPLIED = "replied", _("Answered")
        RECALLED = "recalled", _("Recalled")
        REPLACED = "replaced", _("Replaced")
        CORRECTED = "corrected", _("Corrected")
        FILED = "filed", _("Added to a work file")
        UNFILED = "unfiled", _("Removed from a work file")
        RECIPIENT_STATUS = "recipient_status", _("A recipient's status changed")

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="events",
                                 verbose_name=_("document"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    actor = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    from_state = models.CharField(_("from"), max_length=20, blank=True)
    to_state = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["document", "at"], name="documentevent_document")]
        verbose_name = _("document event")
        verbose_name_plural = _("document events")

    def __str__(self) -> str:
        return f"{self.document_id} {self.kind} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A document's trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A document's trail is append-only.")


class WorkFile(models.Model):
    """Hồ sơ công việc (Appendix VI Part II §III): the documents of one matter, in time order. A document may
    sit in several files without being copied. A closed file is due for deposit in the agency's archive a
    year after its end, a capital construction file three months after its final settlement (Art. 30.2,
    documents.services.workfiles.deposit_due_for); a frozen one can no longer be changed."""

    class State(models.TextChoices):
        OPEN = "open", pgettext_lazy("work file state", "Open")
        CLOSED = "closed", _("Closed")
        FROZEN = "frozen", _("Frozen")
        DEPOSITED = "deposited", _("Deposited")

    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    agency = models.ForeignKey("units.Agency", on_delete=models.PROTECT, related_name="work_files",
                               verbose_name=_("agency"))
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="work_files",
                             verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))  # FileCatalog
    notation = models.CharField(_("file number"), max_length=20)  # FileNotation
    title = models.CharField(_("title"), max_length=500)
    maintenance = models.CharField(_("retention period"), max_length=30)
    rights = models.CharField(_("access rights"), max_length=30, default="Hạn chế")
    language = models.CharField(_("language"), max_length=50, default="Tiếng Việt")
    description = models.CharField(_("description"), max_length=500, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    deposit_due = models.DateField(_("due for deposit"), null=True, blank=True)
    capital_construction = models.BooleanField(
        _("capital construction file"), default=False,
        help_text=_("Deposited within 3 months of the final settlement instead of a year (Decree 30/2020, art. 30.2)."))
    deposit_reminded_at = models.DateTimeField(_("deposit reminder sent"), null=True, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    frozen_at = models.DateTimeField(_("frozen"), null=True, blank=True)
    frozen_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("frozen by"))
    deposited_at = models.DateTimeField(_("deposited"), null=True, blank=True)
    creator = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="work_files",
                                verbose_name=_("kept by"))
    documents = models.ManyToManyField(Document, through="WorkFileEntry", related_name="work_files",
                                       verbose_name=_("documents"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-year", "notation"]
        constraints = [models.UniqueConstraint(fields=["agency", "year", "notation"], name="workfile_unique_code")]
        verbose_name = _("work file")
        verbose_name_plural = _("work files")

    def __str__(self) -> str:
        return f"{self.file_code} {self.title[:60]}"

    @property
    def file_code(self) -> str:
        """Mã hồ sơ (Appendix VI: OrganId.FileCatalog.FileNotation)."""
        return f"{self.agency.code}.{self.year}.{self.notation}"

    @property
    def is_frozen(self) -> bool:
        return self.state in (self.State.FROZEN, self.State.DEPOSITED)


class WorkFileEntry(models.Model):
    work_file = models.ForeignKey(WorkFile, on_delete=models.CASCADE, related_name="entries",
                                  verbose_name=_("work file"))
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="work_file_entries",
                                 verbose_name=_("document"))
    added_by = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("added by"))
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        ordering = ["work_file", "added_at", "id"]
        constraints = [models.UniqueConstraint(fields=["work_file", "document"], name="workfileentry_unique")]
        verbose_name = _("work file entry")
        verbose_name_plural = _("work file entries")

    def __str__(self) -> str:
        return f"{self.work_file_id} ∋ {self.document_id}"
