"""The national PAKN system's deadlines (feedback-pakn.md §2), on the working-day calendar (units.calendar):

- not accepted: within FEEDBACK_REFUSE_DAYS (2) working days of its receipt by the agency holding it;
- more information asked for, or forwarded to the competent agency: within FEEDBACK_INTAKE_DAYS (5);
- handled (the answer approved, "chờ công khai"): within the category's handling time (HandlingTime, 15 by
  default), from the same receipt; the time waiting for the citizen's information does not count;
- published: within FEEDBACK_PUBLISH_DAYS (2) of the answer.

A forward from another agency of the portal is a new receipt: the national system counts the 2 and 5 days
from the forward, and the competent agency gets its whole handling time (a choice: the decree is silent).
``deadline_at`` on the petition is the deadline of whatever is expected next; worklists and escalation
read it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings

from dossiers.deadlines import paused_working_hours, shift_for_pause
from feedback.models import HandlingTime, Petition
from portal.timeunits import TimeUnit
from units.calendar import add_working_time, working_time_between


def after_working_days(start: dt.datetime, days: int) -> dt.datetime:
    return add_working_time(start, days, TimeUnit.WORKING_DAYS)


def handling_days(category: str) -> int:
    if category:
        row = HandlingTime.objects.filter(category=category).values_list("working_days", flat=True).first()
        if row:
            return row
    return settings.FEEDBACK_HANDLING_DAYS


def set_receipt(petition: Petition, *, at: dt.datetime) -> None:
    """The agency now holding ``petition`` received it at ``at``: every intake and handling date from there."""
    petition.received_at = at
    petition.refuse_due_at = after_working_days(at, settings.FEEDBACK_REFUSE_DAYS)
    petition.intake_due_at = after_working_days(at, settings.FEEDBACK_INTAKE_DAYS)
    petition.due_at = after_working_days(at, handling_days(petition.category))
    petition.paused_hours = Decimal(0)


def set_category(petition: Petition) -> None:
    """The category decides the handling time; a pause already waited moves it by the same office time."""
    due = after_working_days(petition.received_at, handling_days(petition.category))
    if petition.paused_hours:
        due = add_working_time(due, petition.paused_hours, TimeUnit.WORKING_HOURS)
    petition.due_at = due


def pause(petition: Petition, *, at: dt.datetime) -> None:
    petition.paused_at = at


def resume(petition: Petition, *, at: dt.datetime) -> None:
    """The citizen answered: the handling date moves by the office time they took."""
    if petition.paused_at is None:
        return
    petition.paused_hours += paused_working_hours(paused_at=petition.paused_at, resumed_at=at)
    petition.due_at = shift_for_pause(petition.due_at, paused_at=petition.paused_at, resumed_at=at,
                                      unit=TimeUnit.WORKING_DAYS)
    petition.paused_at = None


def set_answered(petition: Petition, *, at: dt.datetime) -> None:
    petition.answered_at = at
    petition.publish_due_at = after_working_days(at, settings.FEEDBACK_PUBLISH_DAYS)


def set_reopened(petition: Petition, *, at: dt.datetime) -> None:
    """A reopened answer is handled again on the category's time from the reopening."""
    petition.due_at = after_working_days(at, handling_days(petition.category))
    petition.publish_due_at = None


def next_deadline(petition: Petition) -> dt.datetime | None:
    """What the agency must do next, by when."""
    State = Petition.State
    if petition.state == State.RECEIVED:
        return petition.intake_due_at
    if petition.state in (State.IN_PROGRESS, State.ANSWER_PROPOSED):
        return petition.due_at
    if petition.state == State.ANSWERED:
        return petition.publish_due_at
    return None  # waiting for the citizen, or done


def working_days_left(deadline: dt.datetime | None, *, now: dt.datetime) -> Decimal | None:
    """The countdown the citizen sees: working days (office time) until ``deadline``, negative when late."""
    if deadline is None:
        return None
    return working_time_between(now, deadline, TimeUnit.WORKING_DAYS)
