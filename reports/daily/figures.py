"""What the daily progress report says (issue 16 §2), computed from the data of the apps below and kept with the
report as JSON (so a report always shows what it said on its day, and the page, the PDF, the workbook and the
e-mail read one source).

The dossiers' figures use simple rules, stated here once (they are not the Decision 766 indicators, which
deduct the applicant's supplement time and have their own module):

- **received** (tiếp nhận): the dossier's receipt (``received_at``) fell in the period, by channel (online,
  at the counter, by post);
- **resolved** (đã giải quyết): its result was ready (``result_ready_at``) in the period; **on time** when it
  was ready by its due date (``due_at``, as extended), **late** otherwise;
- **open** at the report's moment (the end of the day, or now for today): received by then, no result, not
  closed (refused, stopped, withdrawn) by then, and not waiting for the applicant's supplement (its clock
  stands still); **overdue** when its due date has passed, **due soon** when it falls within the next two
  working days;
- a dossier counts for the **commune** of the centre that received it and the **agency** that resolves it
  (the procedure's implementing agency).

A fixed number of queries, whatever the province's size."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from axis.models import ReceivedMessage
from documents.models import Document
from documents.selectors.registers import Progress, with_progress
from dossiers.models import Dossier
from feedback.models import Petition
from nationalportal.destination import TOPIC_PATHS
from nationalportal.selectors import reconcile_last_finished
from notifications.models import Notification
from outbox.selectors import outbox_by_topic, outbox_dead, outbox_failing
from payments.models import PaymentCallback
from portal.collation import vietnamese_key
from portal.models import Job
from portal.timeunits import TimeUnit
from signatures.models import Certificate
from signatures.selectors import readiness
from units.calendar import add_working_time, working_time_between
from units.models import AdministrativeUnit, Agency

MOST_OVERDUE = 10
DUE_SOON_DAYS = 2
# The columns of a line of the dossiers' tables, as stored.
LINE_FIELDS = ("received_day", "online", "counter", "post", "received", "resolved_day", "on_time_day", "late_day",
               "resolved", "on_time", "late", "overdue", "due_soon")
PAYMENT_PROBLEMS = (PaymentCallback.Outcome.FLAGGED, PaymentCallback.Outcome.AMOUNT_MISMATCH,
                    PaymentCallback.Outcome.UNKNOWN_ORDER, PaymentCallback.Outcome.BAD_SIGNATURE,
                    PaymentCallback.Outcome.INVALID)
DOCUMENT_CHECK_PROBLEMS = (Document.Check.ALTERED, Document.Check.UNTRUSTED)


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
    return start, timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def daily_figures(*, day: dt.date, now: dt.datetime | None = None) -> dict:
    now = now or timezone.now()
    start, end = day_bounds(day)
    month_start, _ = day_bounds(day.replace(day=1))
    as_of = min(now, end)
    return {
        "day": day.isoformat(),
        "as_of": as_of.isoformat(),
        "dossiers": _dossiers(start=start, end=end, month_start=month_start, as_of=as_of),
        "by_day": _by_day(month_start=month_start, end=end),
        "most_overdue": _most_overdue(as_of),
        "sync": _sync(),
        "certificates": _certificates(as_of),
        "documents_overdue": _documents_overdue(day),
        "petitions_overdue": _petitions_overdue(as_of),
        "incidents": _incidents(start=start, end=end),
    }


def open_at(as_of: dt.datetime) -> Q:
    """Being resolved at ``as_of`` (see the module's rules)."""
    return (Q(received_at__lte=as_of) & (Q(result_ready_at__isnull=True) | Q(result_ready_at__gt=as_of))
            & (Q(closed_at__isnull=True) | Q(closed_at__gt=as_of))
            & ~Q(state=Dossier.State.SUPPLEMENT_REQUESTED))


def _counts(*, start, end, month_start, as_of) -> dict:
    received_day = Q(received_at__gte=start, received_at__lt=end)
    received = Q(received_at__gte=month_start, received_at__lt=end)
    resolved_day = Q(result_ready_at__gte=start, result_ready_at__lt=end)
    resolved = Q(result_ready_at__gte=month_start, result_ready_at__lt=end)
    in_time = Q(due_at__isnull=True) | Q(result_ready_at__lte=F("due_at"))
    still_open = open_at(as_of)
    soon = add_working_time(as_of, DUE_SOON_DAYS, TimeUnit.WORKING_DAYS)
    channel = Dossier.Channel
    return dict(
        received_day=Count("id", filter=received_day),
        online=Count("id", filter=received_day & Q(channel=channel.ONLINE)),
        counter=Count("id", filter=received_day & Q(channel=channel.COUNTER)),
        post=Count("id", filter=received_day & Q(channel=channel.POST)),
        received=Count("id", filter=received),
        resolved_day=Count("id", filter=resolved_day),
        on_time_day=Count("id", filter=resolved_day & in_time),
        late_day=Count("id", filter=resolved_day & ~in_time),
        resolved=Count("id", filter=resolved),
        on_time=Count("id", filter=resolved & in_time),
        late=Count("id", filter=resolved & ~in_time),
        overdue=Count("id", filter=still_open & Q(due_at__lt=as_of)),
        due_soon=Count("id", filter=still_open & Q(due_at__gte=as_of, due_at__lte=soon)),
    ), received | resolved | (still_open & Q(due_at__lte=soon))


def _dossiers(*, start, end, month_start, as_of) -> dict:
    """The province's line, and a line per commune and per agency that had anything to count (three queries;
    the month's channels are in the day's line only: the month's are the sum of the days')."""
    counts, relevant = _counts(start=start, end=end, month_start=month_start, as_of=as_of)
    dossiers = Dossier.objects.filter(relevant)
    total = {"name": "", **{key: value or 0 for key, value in dossiers.aggregate(**counts).items()}}
    communes = _grouped(dossiers, "centre__unit_id", counts, AdministrativeUnit)
    agencies = _grouped(dossiers, "procedure_version__agency_id", counts, Agency)
    return {"total": total, "communes": communes, "agencies": agencies}


def _grouped(dossiers, key: str, counts: dict, model) -> list[dict]:
    rows = list(dossiers.values(key).annotate(**counts).order_by())
    names = dict(model.objects.filter(pk__in=[row[key] for row in rows]).values_list("pk", "name"))
    lines = [{"name": names.get(row[key], "—"), **{name: row[name] for name in LINE_FIELDS}} for row in rows]
    return sorted(lines, key=lambda line: vietnamese_key(line["name"]))


def _by_day(*, month_start, end) -> list[list]:
    """[day, received, resolved] for each day of the month to date (two queries)."""
    zone = timezone.get_current_timezone()
    received = dict(Dossier.objects.filter(received_at__gte=month_start, received_at__lt=end)
                    .annotate(on=TruncDate("received_at", tzinfo=zone)).values("on").annotate(n=Count("id"))
                    .order_by().values_list("on", "n"))
    resolved = dict(Dossier.objects.filter(result_ready_at__gte=month_start, result_ready_at__lt=end)
                    .annotate(on=TruncDate("result_ready_at", tzinfo=zone)).values("on").annotate(n=Count("id"))
                    .order_by().values_list("on", "n"))
    first, last = timezone.localdate(month_start), timezone.localdate(end - dt.timedelta(seconds=1))
    days = [first + dt.timedelta(days=offset) for offset in range((last - first).days + 1)]
    return [[day.isoformat(), received.get(day, 0), resolved.get(day, 0)] for day in days]


def _most_overdue(as_of: dt.datetime) -> list[dict]:
    dossiers = (Dossier.objects.filter(open_at(as_of), due_at__lt=as_of)
                .select_related("procedure_version__agency", "centre").order_by("due_at", "id")[:MOST_OVERDUE])
    return [{
        "code": d.code or "", "procedure": d.procedure_version.name, "agency": d.procedure_version.agency.name,
        "centre": d.centre.name, "applicant": d.applicant_name, "due_at": d.due_at.isoformat(),
        "late_days": str(working_time_between(d.due_at, as_of, TimeUnit.WORKING_DAYS).quantize(Decimal("0.1"))),
    } for d in dossiers]


def _sync() -> dict:
    """The National Public Service Portal's link now: messages waiting (and failing among them), dead letters,
    delivered over the last day, and the last reconciliation."""
    topics = sorted(TOPIC_PATHS)
    by_topic = outbox_by_topic(topics)
    job = reconcile_last_finished()
    return {
        "waiting": sum(row.waiting for row in by_topic), "sent_24h": sum(row.sent for row in by_topic),
        "dead": sum(row.dead for row in by_topic), "failing": outbox_failing(topics).count(),
        "topics": [{"topic": row.topic, "waiting": row.waiting, "sent_24h": row.sent, "dead": row.dead}
                   for row in by_topic],
        "reconciliation": None if job is None else {
            "status": job.status, "finished_at": (job.finished_at or job.updated_at).isoformat(),
            "message": job.message[:300]},
    }


def _certificates(as_of: dt.datetime) -> dict:
    """Every official who signs (a leader) with a valid certificate or not, by agency; personal certificates
    that expire within the reminder period."""
    agencies = readiness(at=as_of)
    horizon = as_of + dt.timedelta(days=settings.SIGNATURES_EXPIRY_REMINDER_DAYS)
    expiring = (Certificate.objects.filter(kind=Certificate.Kind.PERSONAL, revoked_at__isnull=True,
                                           not_before__lte=as_of, not_after__gt=as_of, not_after__lte=horizon)
                .select_related("holder", "agency").order_by("not_after", "id"))
    return {
        "signers": sum(row.signers for row in agencies), "ready": sum(row.ready for row in agencies),
        "missing": [{"agency": row.agency.name, "signers": row.signers, "ready": row.ready}
                    for row in agencies if row.missing],
        "expiring": [{"holder": c.holder.full_name if c.holder else c.common_name,
                      "agency": c.agency.name if c.agency else "", "not_after": c.not_after.isoformat()}
                     for c in expiring],
        "days": settings.SIGNATURES_EXPIRY_REMINDER_DAYS,
    }


def _documents_overdue(day: dt.date) -> dict:
    """Incoming official documents past their handling deadline and not done, by agency (documents' own rule:
    documents.selectors.registers.with_progress)."""
    registered = Document.objects.filter(direction=Document.Direction.INCOMING, arrival_number__isnull=False)
    rows = (with_progress(registered, today=day).filter(progress=Progress.OVERDUE).values("agency__name")
            .annotate(n=Count("id")).order_by())
    lines = sorted(({"agency": row["agency__name"], "count": row["n"]} for row in rows),
                   key=lambda line: vietnamese_key(line["agency"]))
    return {"total": sum(line["count"] for line in lines), "agencies": lines}


def _petitions_overdue(as_of: dt.datetime) -> dict:
    """Petitions (phản ánh, kiến nghị) open past their next deadline, by the agency handling them."""
    rows = (Petition.objects.filter(state__in=Petition.OPEN_STATES, deadline_at__lt=as_of)
            .values("agency__name").annotate(n=Count("id")).order_by())
    lines = sorted(({"agency": row["agency__name"] or "—", "count": row["n"]} for row in rows),
                   key=lambda line: vietnamese_key(line["agency"]))
    return {"total": sum(line["count"] for line in lines), "agencies": lines}


def _incidents(*, start, end) -> list[dict]:
    """What the system recorded as an error during the day (and the dead letters and failing deliveries that
    stand now), each kind with its count, in the order the report lists them (their names:
    reports.daily.presentation.INCIDENTS); kinds with none are left out."""
    day = Q(created_at__gte=start, created_at__lt=end)
    counts = [
        ("dead_letters", outbox_dead().count()),
        ("failing_deliveries", outbox_failing().count()),
        ("reconciliation_failed", Job.objects.filter(day, kind="npsp_reconcile", status=Job.Status.FAILED).count()),
        ("axis_refused", ReceivedMessage.objects.filter(received_at__gte=start, received_at__lt=end,
                                                        outcome=ReceivedMessage.Outcome.REFUSED).count()),
        ("payments_flagged", PaymentCallback.objects.filter(received_at__gte=start, received_at__lt=end,
                                                            outcome__in=PAYMENT_PROBLEMS).count()),
        ("notifications_failed", Notification.objects.filter(day, state=Notification.State.FAILED).count()),
        ("documents_check_failed", Document.objects.filter(checked_at__gte=start, checked_at__lt=end,
                                                           check_status__in=DOCUMENT_CHECK_PROBLEMS).count()),
    ]
    return [{"kind": kind, "count": count} for kind, count in counts if count]
