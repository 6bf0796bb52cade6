"""The reports of Appendix VI Part I §V for a period: Báo cáo tình hình giải quyết văn bản đến (the incoming
documents registered, by lead unit: done on time, done late, in progress within the deadline, overdue) and
Báo cáo giải quyết văn bản đi (the outgoing documents issued, by kind and by drafting unit: how many, how
many urgent, how many recalled). Counted in the database, two or three queries whatever the period
holds, over what the reader may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from documents import permissions
from documents.models import Document, DocumentType, OrgUnit
from documents.selectors.registers import Progress, incoming_registered, with_progress
from portal.collation import vietnamese_key

NO_LEAD = "Chưa giao đơn vị chủ trì"
NO_UNIT = "Không ghi đơn vị soạn thảo"


@dataclass
class IncomingLine:
    """One line of the incoming report: a lead unit (or all of them, for the total)."""

    name: str
    received: int = 0
    done_on_time: int = 0
    done_late: int = 0
    in_progress: int = 0
    overdue: int = 0
    closed: int = 0

    @property
    def done(self) -> int:
        return self.done_on_time + self.done_late


@dataclass
class IncomingReport:
    start: dt.date
    end: dt.date
    today: dt.date
    lines: list[IncomingLine] = field(default_factory=list)
    total: IncomingLine = field(default_factory=lambda: IncomingLine(name="Tổng số"))


_COUNTS = {"done_on_time": Progress.DONE_ON_TIME, "done_late": Progress.DONE_LATE,
           "in_progress": Progress.IN_PROGRESS, "overdue": Progress.OVERDUE, "closed": Progress.CLOSED}


def incoming_report(*, user: User, start: dt.date, end: dt.date, today: dt.date | None = None) -> IncomingReport:
    """The incoming documents registered in the period, by the unit leading their handling ("received"
    counts them all; recalled and returned ones are in ``closed`` only)."""
    today = today or timezone.localdate()
    documents = with_progress(incoming_registered(user, start, end), today=today)
    grouped = (documents.order_by().values("lead_unit_id")
               .annotate(received=Count("id"), **{name: Count("id", filter=Q(progress=value))
                                                   for name, value in _COUNTS.items()}))
    grouped = list(grouped)
    names = dict(OrgUnit.objects.filter(pk__in=[g["lead_unit_id"] for g in grouped if g["lead_unit_id"]])
                 .values_list("pk", "name"))
    report = IncomingReport(start=start, end=end, today=today)
    for group in grouped:
        line = IncomingLine(name=names.get(group["lead_unit_id"], NO_LEAD),
                            **{key: group[key] for key in ("received", *_COUNTS)})
        report.lines.append(line)
        for key in ("received", *_COUNTS):
            setattr(report.total, key, getattr(report.total, key) + group[key])
    report.lines.sort(key=lambda line: (line.name == NO_LEAD, vietnamese_key(line.name)))
    return report


@dataclass
class OutgoingLine:
    name: str
    issued: int = 0
    urgent: int = 0
    recalled: int = 0


@dataclass
class OutgoingReport:
    start: dt.date
    end: dt.date
    by_type: list[OutgoingLine] = field(default_factory=list)
    by_unit: list[OutgoingLine] = field(default_factory=list)
    total: OutgoingLine = field(default_factory=lambda: OutgoingLine(name="Tổng số"))


def outgoing_report(*, user: User, start: dt.date, end: dt.date) -> OutgoingReport:
    """The outgoing documents numbered with a date in the period, by kind and by drafting unit."""
    documents = (permissions.visible_to(user, Document.objects.filter(
        agency_id=user.agency_id, direction=Document.Direction.OUTGOING, issued_date__gte=start,
        issued_date__lte=end)).exclude(code_number="").order_by())
    counts = {"issued": Count("id"), "urgent": Count("id", filter=Q(urgency__gt=Document.Urgency.NORMAL)),
              "recalled": Count("id", filter=Q(state=Document.State.RECALLED))}
    report = OutgoingReport(start=start, end=end)
    by_type = list(documents.values("document_type").annotate(**counts))
    by_unit = list(documents.values("drafting_unit").annotate(**counts))
    types = {t.pk: t for t in DocumentType.objects.filter(pk__in=[g["document_type"] for g in by_type])}
    units = dict(OrgUnit.objects.filter(pk__in=[g["drafting_unit"] for g in by_unit if g["drafting_unit"]])
                 .values_list("pk", "name"))
    for group in by_type:
        report.by_type.append(OutgoingLine(name=types[group["document_type"]].name,
                                           **{key: group[key] for key in counts}))
        for key in counts:
            setattr(report.total, key, getattr(report.total, key) + group[key])
    report.by_type.sort(key=lambda line: (types_position(types, line.name), line.name))
    for group in by_unit:
        report.by_unit.append(OutgoingLine(name=units.get(group["drafting_unit"], NO_UNIT),
                                           **{key: group[key] for key in counts}))
    report.by_unit.sort(key=lambda line: (line.name == NO_UNIT, vietnamese_key(line.name)))
    return report


def types_position(types: dict, name: str) -> int:
    """The kinds in the decree's order (DocumentType.position)."""
    return next((t.position for t in types.values() if t.name == name), 0)
