"""The registers of Decree 30/2020/NĐ-CP Appendix IV, read for a period: Sổ đăng ký văn bản đi, Sổ đăng ký
văn bản đến and Sổ theo dõi giải quyết văn bản đến — their rows in number order, each in a fixed number of
queries whatever the period holds. Only what the reader may see (documents.permissions): a secret
register shows its reader the secret documents they take part in.

The progress of an incoming document (its lead's deadline and whether it was done in time) is computed in
the database (``with_progress``), once for the tracking register and the report alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    DateField,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Length, TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from documents import permissions
from documents.models import Assignment, Document, Recipient, Register, UnitMembership


class RegisterKind(TextChoices):
    OUTGOING = "outgoing", _("Register of outgoing documents")
    INCOMING = "incoming", _("Register of incoming documents")
    TRACKING = "tracking", _("Register tracking the handling of incoming documents")


class Progress(TextChoices):
    """Tiến độ giải quyết of an incoming document."""

    DONE_ON_TIME = "done_on_time", _("Done on time")
    DONE_LATE = "done_late", _("Done late")
    IN_PROGRESS = "in_progress", _("In progress, within the deadline")
    OVERDUE = "overdue", _("Overdue")
    CLOSED = "closed", _("Recalled or returned")


# The registers are official records: their words are Vietnamese whatever the reader's language.
PROGRESS_TEXT = {
    Progress.DONE_ON_TIME: "Đã giải quyết, đúng hạn",
    Progress.DONE_LATE: "Đã giải quyết, quá hạn",
    Progress.IN_PROGRESS: "Đang giải quyết",
    Progress.OVERDUE: "Quá hạn, chưa giải quyết",
    Progress.CLOSED: "Đã thu hồi hoặc trả lại",
}
ROLE_ORDER = {Assignment.Role.LEAD: 0, Assignment.Role.COOPERATE: 1, Assignment.Role.INFORM: 2}


def may_keep_registers(user: User) -> bool:
    """The agency's clerks (văn thư) keep the registers; its leaders read them and the reports."""
    return bool(user.is_authenticated and user.role in permissions.AGENCY_WIDE
                and permissions.is_agency_official(user, user.agency_id))


def registers_for(user: User) -> QuerySet[Register]:
    if not may_keep_registers(user):
        return Register.objects.none()
    return Register.objects.filter(agency_id=user.agency_id, is_active=True).order_by("direction", "secret", "name")


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """From the start of ``start`` to the start of the day after ``end``, in the portal's time zone."""
    first = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    return first, timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))


def _root_assignments() -> Prefetch:
    return Prefetch("assignments", to_attr="given",
                    queryset=Assignment.objects.filter(parent__isnull=True)
                    .exclude(state=Assignment.State.CANCELLED).select_related("unit", "user")
                    .order_by("assigned_at", "id"))


def handed_to(document: Document) -> str:
    """Đơn vị hoặc người nhận: the lead, then those co-operating and informed (from ``_root_assignments``)."""
    given = sorted(getattr(document, "given", []), key=lambda a: (ROLE_ORDER.get(a.role, 9), a.assigned_at, a.pk))
    names = [(a.unit.name if a.unit_id else a.user.full_name) for a in given]
    return "; ".join(dict.fromkeys(names))


def handed_on(document: Document) -> dt.date | None:
    """Ngày chuyển: the day the document was first handed to a unit or person."""
    given = getattr(document, "given", [])
    return timezone.localdate(min(a.assigned_at for a in given)) if given else None


def type_and_subject(document: Document) -> str:
    """Tên loại và trích yếu nội dung."""
    return f"{document.document_type.name}: {document.subject}"


@dataclass(frozen=True)
class OutgoingRow:
    number: str
    date: dt.date | None
    type_and_subject: str
    signer: str
    recipients: str
    kept_by: str
    copies: int | None
    sent_on: dt.date | None


@dataclass(frozen=True)
class IncomingRow:
    arrived_on: dt.date | None
    arrival_number: int
    author: str
    number: str
    date: dt.date | None
    type_and_subject: str
    handed_to: str
    handed_on: dt.date | None


@dataclass(frozen=True)
class TrackingRow:
    arrival_number: int
    description: str
    handed_to: str
    deadline: dt.date | None
    progress: str
    replies: str


def outgoing_rows(*, user: User, register: Register, start: dt.date, end: dt.date) -> list[OutgoingRow]:
    """The documents numbered in ``register`` and dated within the period, in the order of their numbers."""
    documents = (permissions.visible_to(user, Document.objects.filter(
        register=register, direction=Document.Direction.OUTGOING, issued_date__gte=start, issued_date__lte=end))
        .exclude(code_number="").select_related("document_type", "drafting_unit")
        .prefetch_related(Prefetch("recipients", queryset=Recipient.objects.select_related("agency", "unit")))
        .order_by("year", Length("code_number"), "code_number", "id"))
    rows = []
    for d in documents:
        recipients = "; ".join(r.agency.name if r.agency_id else r.unit.name if r.unit_id else r.external_name
                               for r in d.recipients.all())
        kept = ", ".join(["Văn thư", *([d.drafting_unit.name] if d.drafting_unit_id else [])])
        rows.append(OutgoingRow(
            number=d.number_display, date=d.issued_date, type_and_subject=type_and_subject(d),
            signer=d.signer_name, recipients=recipients, kept_by=kept, copies=d.issued_amount,
            sent_on=timezone.localdate(d.issued_at) if d.issued_at else None))
    return rows


def incoming_registered(user: User, start: dt.date, end: dt.date) -> QuerySet[Document]:
    """The agency's incoming documents given an incoming number that arrived within the period."""
    first, after = day_bounds(start, end)
    return permissions.visible_to(user, Document.objects.filter(
        agency_id=user.agency_id, direction=Document.Direction.INCOMING, arrival_number__isnull=False,
        arrival_at__gte=first, arrival_at__lt=after))


def incoming_rows(*, user: User, register: Register, start: dt.date, end: dt.date) -> list[IncomingRow]:
    """The documents registered in ``register`` that arrived within the period, by their incoming number."""
    documents = (incoming_registered(user, start, end).filter(register=register).select_related("document_type")
                 .prefetch_related(_root_assignments()).order_by("year", "arrival_number", "id"))
    return [IncomingRow(
        arrived_on=timezone.localdate(d.arrival_at), arrival_number=d.arrival_number, author=d.organ_name,
        number=d.number_display, date=d.issued_date, type_and_subject=type_and_subject(d), handed_to=handed_to(d),
        handed_on=handed_on(d)) for d in documents]


def with_progress(documents: QuerySet[Document], *, today: dt.date | None = None) -> QuerySet[Document]:
    """Annotate incoming documents with their lead (``lead_unit_id``: the lead unit, or the unit of the
    lead official), ``deadline`` (the lead's, else the document's due date), ``done_at`` and ``progress``
    (a Progress value): done on time when done on or before the deadline (or with none), overdue when not
    done and past it. ``today`` is the portal's date by default."""
    today = today or timezone.localdate()
    lead = (Assignment.objects.filter(document=OuterRef("pk"), parent__isnull=True, role=Assignment.Role.LEAD)
            .exclude(state=Assignment.State.CANCELLED).order_by("assigned_at", "id"))
    unit_of_user = UnitMembership.objects.filter(user=OuterRef("lead_user")).order_by("-is_head", "id")
    done_state = Assignment.State.DONE
    documents = documents.annotate(
        lead_deadline=Subquery(lead.values("deadline")[:1], output_field=DateField()),
        lead_state=Subquery(lead.values("state")[:1], output_field=CharField()),
        lead_done_at=Subquery(lead.values("completed_at")[:1], output_field=DateTimeField()),
        lead_user=Subquery(lead.values("user_id")[:1], output_field=IntegerField()),
        lead_unit_own=Subquery(lead.values("unit_id")[:1], output_field=IntegerField()),
    ).annotate(
        lead_unit_id=Coalesce("lead_unit_own", Subquery(unit_of_user.values("unit_id")[:1]),
                              output_field=IntegerField()),
        deadline=Coalesce("lead_deadline", "due_date", output_field=DateField()),
        done_at=Case(When(state=Document.State.DONE, then=Coalesce("completed_at", "lead_done_at")),
                     When(lead_state=done_state, then=F("lead_done_at")), default=None,
                     output_field=DateTimeField()),
    ).annotate(done_on=TruncDate("done_at"))
    return documents.annotate(progress=Case(
        When(state__in=(Document.State.RECALLED, Document.State.REFUSED), then=Value(Progress.CLOSED)),
        When(Q(done_at__isnull=False) & (Q(deadline__isnull=True) | Q(done_on__lte=F("deadline"))),
             then=Value(Progress.DONE_ON_TIME)),
        When(done_at__isnull=False, then=Value(Progress.DONE_LATE)),
        When(Q(deadline__isnull=True) | Q(deadline__gte=today), then=Value(Progress.IN_PROGRESS)),
        default=Value(Progress.OVERDUE), output_field=CharField()))


def tracking_rows(*, user: User, start: dt.date, end: dt.date, register: Register | None = None,
                  today: dt.date | None = None) -> list[TrackingRow]:
    """Sổ theo dõi giải quyết văn bản đến: the incoming documents registered within the period (in
    ``register``, or in all the agency's incoming registers, by arrival), with the lead's deadline, the
    progress and the numbers of the documents that answered them."""
    documents = incoming_registered(user, start, end)
    if register is not None:
        documents = documents.filter(register=register).order_by("year", "arrival_number", "id")
    else:
        documents = documents.order_by("arrival_at", "arrival_number", "id")
    replies = Document.objects.filter(direction=Document.Direction.OUTGOING).exclude(code_number="")
    documents = (with_progress(documents, today=today).select_related("document_type")
                 .prefetch_related(_root_assignments(), Prefetch("replies", queryset=replies.order_by("issued_date", "id"),
                                                                 to_attr="issued_replies")))
    return [TrackingRow(
        arrival_number=d.arrival_number, description=incoming_description(d), handed_to=handed_to(d),
        deadline=d.deadline, progress=PROGRESS_TEXT[d.progress],
        replies="; ".join(reply.number_display for reply in d.issued_replies)) for d in documents]


def incoming_description(document: Document) -> str:
    """Tên loại, số, ký hiệu, ngày tháng và cơ quan ban hành: "Công văn số 12/UBND-VX ngày 05/01/2026 của
    Ủy ban nhân dân xã Bình An"."""
    parts = [document.document_type.name]
    if document.number_display:
        parts.append(f"số {document.number_display}")
    if document.issued_date:
        parts.append(f"ngày {document.issued_date:%d/%m/%Y}")
    if document.organ_name:
        parts.append(f"của {document.organ_name}")
    return " ".join(parts) + (f": {document.subject}" if document.subject else "")
