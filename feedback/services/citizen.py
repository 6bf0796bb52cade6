"""The citizen's say on an answer: satisfied or not (once), and, when not, reopening it once within
FEEDBACK_REOPEN_DAYS of the answer — the agency then handles it again on its whole handling time, and the
national formula counts it as a repeat petition about the result."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from feedback import deadlines, permissions
from feedback.errors import FeedbackError, FeedbackErrorCode, PetitionConflict
from feedback.models import Petition, PetitionEvent
from feedback.services._common import locked, move, require
from portal.text import nfc


def _may_speak(actor: User | None, petition: Petition, *, proof: bool) -> None:
    """The petitioner's account, or — without one — whoever holds the petition's code and its phone number
    (``proof``: checked by the caller)."""
    require(proof or (actor is not None and permissions.is_petitioner(actor, petition)),
            _("Only the person who sent the petition may rate or reopen its answer."))


@transaction.atomic
def petition_rate(*, petition: Petition, actor: User | None, rating: str, comment: str = "",
                  proof: bool = False) -> Petition:
    petition = locked(petition)
    _may_speak(actor, petition, proof=proof)
    if petition.rating:
        raise PetitionConflict(_("This answer has been rated already."), code=FeedbackErrorCode.ALREADY_RATED)
    if not petition.can_rate():
        raise PetitionConflict(_("Only an answer can be rated."), code=FeedbackErrorCode.BAD_STATE)
    if rating not in Petition.Rating.values:
        message = _("Choose satisfied or not satisfied.")
        raise FeedbackError(message, code=FeedbackErrorCode.INVALID, extra={"errors": {"rating": [message]}})
    petition.rating, petition.rated_at = rating, timezone.now()
    move(petition, to=petition.state, kind=PetitionEvent.Kind.RATED, actor=actor, note=nfc(comment).strip()[:2000],
         fields=["rating", "rated_at"], data={"rating": rating})
    return petition


@transaction.atomic
def petition_reopen(*, petition: Petition, actor: User | None, reason: str, proof: bool = False) -> Petition:
    petition = locked(petition)
    _may_speak(actor, petition, proof=proof)
    if not petition.can_reopen():
        raise PetitionConflict(
            _("This answer can no longer be reopened: an answer may be reopened once, within %(days)s days, "
              "after rating it as not satisfying. Send a new petition instead.")
            % {"days": petition_reopen_days()}, code=FeedbackErrorCode.REOPEN_CLOSED)
    reason = nfc(reason or "").strip()
    if not reason:
        message = _("Say what is still wrong with the answer.")
        raise FeedbackError(message, code=FeedbackErrorCode.INVALID, extra={"errors": {"reason": [message]}})
    now = timezone.now()
    petition.reopen_count += 1
    petition.rating, petition.rated_at = "", None
    petition.escalation_level, petition.escalated_at = 0, None
    deadlines.set_reopened(petition, at=now)
    move(petition, to=Petition.State.IN_PROGRESS, kind=PetitionEvent.Kind.REOPENED, actor=actor, note=reason,
         fields=["reopen_count", "rating", "rated_at", "escalation_level", "escalated_at", "due_at",
                 "publish_due_at"])
    return petition


def petition_reopen_days() -> int:
    from django.conf import settings

    return settings.FEEDBACK_REOPEN_DAYS
