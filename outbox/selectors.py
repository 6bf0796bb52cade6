"""Reads of the outbox for the provincial admins' page: cheap counts (each one an indexed query, see the
indexes on OutboxMessage), the failing and dead lists, and the audit trail of resends."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Min, Q, QuerySet
from django.db.models.functions import TruncMinute
from django.utils import timezone

from outbox.models import OutboxMessage
from outbox.registry import destinations
from outbox.services import RESEND_JOB
from portal.models import Job

THROUGHPUT_MINUTES = 15


@dataclass
class OutboxOverview:
    pending: int
    failing: int
    dead: int
    oldest_pending_at: dt.datetime | None
    delivered_last_minute: int
    # (minute, delivered in that clock minute), oldest first; the last one is the current, unfinished minute.
    per_minute: list[tuple[dt.datetime, int]] = field(default_factory=list)
    # Messages of topics no destination takes yet (official documents for the national document axis,
    # until it is connected): kept, never sent, and not counted as late.
    held: int = 0

    @property
    def bars(self) -> list[tuple[dt.datetime, int, int]]:
        """(minute, count, height in percent of the busiest minute) for the page's small chart."""
        top = max((count for _minute, count in self.per_minute), default=0) or 1
        return [(minute, count, round(count * 100 / top)) for minute, count in self.per_minute]

    @property
    def delivered_15_minutes(self) -> int:
        return sum(count for _minute, count in self.per_minute)


def outbox_overview(*, now: dt.datetime | None = None) -> OutboxOverview:
    """Four queries, each answered from an index: pending (partial index ``outbox_due``), dead and delivered
    (``outbox_status_delivered``)."""
    now = now or timezone.now()
    routed = Q(topic__in=[topic for destination in destinations() for topic in destination.topics])
    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING).aggregate(
        count=Count("id", filter=routed), failing=Count("id", filter=routed & Q(attempts__gt=0)),
        first=Min("id", filter=routed), held=Count("id", filter=~routed))
    oldest = None
    if pending["first"] is not None:
        oldest = OutboxMessage.objects.filter(pk=pending["first"]).values_list("created_at", flat=True).first()
    dead = OutboxMessage.objects.filter(status=OutboxMessage.Status.DEAD).count()
    start = (now - dt.timedelta(minutes=THROUGHPUT_MINUTES - 1)).replace(second=0, microsecond=0)
    delivered = OutboxMessage.objects.filter(status=OutboxMessage.Status.DELIVERED, delivered_at__gte=start)
    rows = delivered.annotate(minute=TruncMinute("delivered_at", tzinfo=dt.UTC)).values("minute").annotate(
        count=Count("id")).order_by()
    by_minute = {row["minute"]: row["count"] for row in rows}
    minutes = [start.astimezone(dt.UTC) + dt.timedelta(minutes=i) for i in range(THROUGHPUT_MINUTES)]
    last_minute = delivered.filter(delivered_at__gte=now - dt.timedelta(minutes=1)).count()
    return OutboxOverview(
        pending=pending["count"], failing=pending["failing"], dead=dead, oldest_pending_at=oldest, held=pending["held"],
        delivered_last_minute=last_minute, per_minute=[(m, by_minute.get(m, 0)) for m in minutes],
    )


def outbox_failing(topics=None) -> QuerySet[OutboxMessage]:
    """Messages their destination has not taken yet and that will be tried again, soonest first (of
    ``topics``, or all)."""
    found = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, attempts__gt=0)
    return (found.filter(topic__in=topics) if topics is not None else found).order_by("next_attempt_at", "id")


def outbox_dead(topics=None) -> QuerySet[OutboxMessage]:
    """Dead letters, the latest first: they hold back the later messages of their subject until resent."""
    found = OutboxMessage.objects.filter(status=OutboxMessage.Status.DEAD)
    return (found.filter(topic__in=topics) if topics is not None else found).order_by("-id")


def resend_log(*, limit: int = 5) -> list[Job]:
    """The audit trail of resends: who resent how many dead letters, and when."""
    return list(Job.objects.filter(kind=RESEND_JOB).select_related("created_by").order_by("-created_at")[:limit])


@dataclass
class TopicCounts:
    topic: str
    label: str
    waiting: int = 0  # pending, including those waiting for a retry
    sent: int = 0  # delivered in the last ``SENT_HOURS``
    dead: int = 0


SENT_HOURS = 24


def outbox_by_topic(topics, *, now: dt.datetime | None = None) -> list[TopicCounts]:
    """Waiting, recently delivered and dead messages of each of ``topics``, in that order, in one query. The
    delivered ones are counted over the last SENT_HOURS only: every message ever delivered is the bulk of the
    table, and counting it would not stay cheap (pending and dead rows are few; the recent delivered ones are
    a range of ``outbox_status_delivered``)."""
    now = now or timezone.now()
    status = OutboxMessage.Status
    rows = (OutboxMessage.objects.filter(topic__in=topics)
            .filter(Q(status__in=(status.PENDING, status.DEAD))
                    | Q(status=status.DELIVERED, delivered_at__gte=now - dt.timedelta(hours=SENT_HOURS)))
            .values("topic").annotate(waiting=Count("id", filter=Q(status=status.PENDING)),
                                      sent=Count("id", filter=Q(status=status.DELIVERED)),
                                      dead=Count("id", filter=Q(status=status.DEAD))).order_by())
    found = {row["topic"]: row for row in rows}
    labels = dict(OutboxMessage.Topic.choices)
    return [TopicCounts(topic=topic, label=labels.get(topic, topic),
                        **{name: found.get(topic, {}).get(name, 0) for name in ("waiting", "sent", "dead")})
            for topic in topics]
