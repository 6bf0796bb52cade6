"""The end of a dossier's way: the result returned (at the counter or online), the applicant's
withdrawal, and the rating of the service."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from dossiers import events
from dossiers.errors import DossierConflict, DossierError, DossierErrorCode
from dossiers.models import Dossier, DossierEvent, Rating
from dossiers.permissions import is_applicant, is_centre_officer
from dossiers.services._common import guard, lock, require
from portal.text import nfc


@transaction.atomic
def dossier_return(*, dossier: Dossier, user: User, note: str = "") -> Dossier:
    """Trả kết quả: result_ready → returned. An officer of the receiving centre records a return at the
    counter; the applicant's own online collection records an online return."""
    dossier = lock(dossier)
    online = is_applicant(user, dossier)
    require(online or is_centre_officer(user, dossier),
            _("Only the receiving centre or the applicant may record the result's return."))
    guard(dossier.can_return(), dossier)
    dossier.state, dossier.closed_at = Dossier.State.RETURNED, timezone.now()
    dossier.save(update_fields=["state", "closed_at", "updated_at"])
    events.record(dossier, kind=DossierEvent.Kind.RETURNED, actor=user, from_state=Dossier.State.RESULT_READY,
                  note=nfc(note).strip(), data={"channel": "online" if online else "counter"})
    return dossier


@transaction.atomic
def dossier_withdraw(*, dossier: Dossier, citizen: User, reason: str = "") -> Dossier:
    """Rút hồ sơ: the applicant withdraws before there is a result."""
    dossier = lock(dossier)
    require(is_applicant(citizen, dossier), _("Only the applicant may withdraw the dossier."))
    guard(dossier.can_withdraw(), dossier)
    from_state = dossier.state
    dossier.state, dossier.closed_at, dossier.paused_at = Dossier.State.WITHDRAWN, timezone.now(), None
    dossier.save(update_fields=["state", "closed_at", "paused_at", "updated_at"])
    events.record(dossier, kind=DossierEvent.Kind.WITHDRAWN, actor=citizen, from_state=from_state,
                  note=nfc(reason).strip())
    return dossier


@transaction.atomic
def dossier_rate(*, dossier: Dossier, citizen: User, score: str, comment: str = "") -> Rating:
    """Đánh giá: once, after the result was returned."""
    dossier = lock(dossier)
    require(is_applicant(citizen, dossier), _("Only the applicant may rate the service."))
    guard(dossier.can_rate(), dossier)
    if score not in Rating.Score.values:
        raise DossierError(_("Choose one of the ratings offered."), code=DossierErrorCode.INVALID,
                           extra={"errors": {"score": [_("Choose one of the ratings offered.")]}})
    if Rating.objects.filter(dossier=dossier).exists():
        raise DossierConflict(_("You have already rated this dossier. Thank you."),
                              code=DossierErrorCode.ALREADY_RATED)
    rating = Rating.objects.create(dossier=dossier, score=score, comment=nfc(comment).strip(), rated_by=citizen)
    events.record(dossier, kind=DossierEvent.Kind.RATED, actor=citizen, from_state=dossier.state,
                  data={"score": score})
    return rating
