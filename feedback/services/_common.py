"""What every petition service does the same way: lock the row, check a guard, say who may not."""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext as _

from feedback import deadlines, events
from feedback.errors import FeedbackErrorCode, PetitionConflict, PetitionForbidden
from feedback.models import Petition


def locked(petition: Petition) -> Petition:
    # Only the petition's row: locking its agency too would queue every action of the agency behind one.
    return Petition.objects.select_for_update(of=("self",)).select_related("agency").get(pk=petition.pk)


def require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise PetitionForbidden(message or _("You may not do this to this petition."),
                                code=FeedbackErrorCode.FORBIDDEN)


def guard(petition: Petition, check: Callable[[], bool]) -> None:
    if not check():
        raise PetitionConflict(
            _("Petition %(code)s is now “%(state)s”: this can no longer be done. Reload the page to see what "
              "changed.") % {"code": petition.code, "state": petition.get_state_display()},
            code=FeedbackErrorCode.BAD_STATE)


def move(petition: Petition, *, to: str, kind: str, actor, fields: list[str], note: str = "",
         data: dict | None = None, on_time: bool | None = None, agency=None):
    """Write the new state and what changed with it, then its event and outbox message."""
    from_state = petition.state
    petition.state = to
    petition.deadline_at = deadlines.next_deadline(petition)
    petition.save(update_fields=sorted({*fields, "state", "deadline_at", "updated_at"}))
    return events.record(petition, kind=kind, actor=actor, from_state=from_state, note=note, data=data,
                         on_time=on_time, agency=agency)


def met(due, at=None) -> bool:
    return (at or timezone.now()) <= due
