"""Trước hạn / đúng hạn / quá hạn: how a piece of work stands against its due date."""

from __future__ import annotations

from django.utils import timezone

EARLY, ON_TIME, LATE, RUNNING, OVERDUE = "early", "on_time", "late", "running", "overdue"

# The words the slips and the tracking book print for each verdict.
LABELS = {
    EARLY: "Trước hạn",
    ON_TIME: "Đúng hạn",
    LATE: "Quá hạn",
    RUNNING: "Đang giải quyết, trong hạn",
    OVERDUE: "Đang giải quyết, quá hạn",
}


def verdict(*, done_at, due_at, now=None) -> str:
    """Early when done on a day before the due day, on time when done by the due moment, late after it;
    for work not done yet, whether its due moment has passed. "" when there is no due date."""
    if due_at is None:
        return ""
    if done_at is None:
        return OVERDUE if (now or timezone.now()) > due_at else RUNNING
    if done_at > due_at:
        return LATE
    return EARLY if timezone.localdate(done_at) < timezone.localdate(due_at) else ON_TIME
