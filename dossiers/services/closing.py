"""The end of a dossier's way: the result's deliveries (the electronic result received online, the paper
original handed over at the centre or sent by post) that close it, the applicant's withdrawal, and the
rating of the service."""

from __future__ import annotations

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from dossiers import events
from dossiers.errors import DossierConflict, DossierError, DossierErrorCode
from dossiers.models import Dossier, DossierEvent, Rating, ResultDelivery
from dossiers.permissions import is_applicant, is_centre_officer
from dossiers.services._common import guard, lock, require
from portal.dates import datetime_text
from portal.text import nfc

# The channel the outbox's "returned" message has always named, by kind of delivery.
CHANNELS = {
    ResultDelivery.Kind.ELECTRONIC: "online",
    ResultDelivery.Kind.PAPER_COUNTER: "counter",
    ResultDelivery.Kind.PAPER_POST: "post",
}
_ID_DOCUMENT = re.compile(r"^[0-9A-Z]{6,20}$")


def _deliver(dossier: Dossier, *, kind: str, user: User, recipient_name: str = "", recipient_id: str = "",
             address: str = "", note: str = "") -> ResultDelivery:
    """Record the delivery on the locked dossier; the delivery the dossier owes closes it (result_ready →
    returned, the event the NPSP is told of), any other is recorded as delivered."""
    closes = dossier.closes_with(kind)
    delivery = ResultDelivery.objects.create(dossier=dossier, kind=kind, by=user, recipient_name=recipient_name,
                                             recipient_id=recipient_id, address=address, note=note)
    from_state = dossier.state
    if closes:
        dossier.state, dossier.closed_at = Dossier.State.RETURNED, delivery.at
        dossier.save(update_fields=["state", "closed_at", "updated_at"])
    events.record(dossier, kind=DossierEvent.Kind.RETURNED if closes else DossierEvent.Kind.RESULT_DELIVERED,
                  actor=user, from_state=from_state, note=note,
                  data={"channel": CHANNELS[kind], "delivery": kind,
                        **({"recipient": recipient_name} if kind != ResultDelivery.Kind.ELECTRONIC else {})})
    return delivery


@transaction.atomic
def result_receive_online(*, dossier: Dossier, citizen: User) -> Dossier:
    """Nhận kết quả điện tử: the applicant receives the electronic result in their account (once). It closes
    the dossier when the procedure issues no paper original; otherwise the paper original is still owed."""
    dossier = lock(dossier)
    require(is_applicant(citizen, dossier), _("Only the applicant may receive the electronic result."))
    received = dossier.electronic_delivery
    if received is not None:
        raise DossierConflict(
            _("You already received the electronic result of dossier %(code)s on %(date)s; download it from the "
              "dossier's page.") % {"code": dossier.code, "date": datetime_text(received.at)},
            code=DossierErrorCode.ALREADY_RECEIVED)
    guard(dossier.result_available(), dossier)
    _deliver(dossier, kind=ResultDelivery.Kind.ELECTRONIC, user=citizen, recipient_name=dossier.applicant_name)
    return dossier


@transaction.atomic
def result_hand_over(*, dossier: Dossier, officer: User, recipient_name: str = "", recipient_id: str = "",
                     note: str = "") -> Dossier:
    """Trả kết quả tại quầy: an officer of the receiving centre hands the result (its paper original, or a
    print of the electronic result) to the applicant or the person they sent, whose identity document
    they checked; the dossier is closed."""
    dossier = lock(dossier)
    require(is_centre_officer(officer, dossier),
            _("Only an officer of the receiving centre may hand the result over at the counter."))
    guard(dossier.can_return(), dossier)
    name = " ".join(nfc(recipient_name).split()) or dossier.applicant_name
    document = re.sub(r"[\s.-]", "", nfc(recipient_id)).upper() or dossier.applicant_cccd
    errors = {}
    if len(name) > 150:
        errors["recipient_name"] = [_("The recipient's name is too long (at most 150 characters).")]
    if not _ID_DOCUMENT.match(document):
        errors["recipient_id"] = [_("Enter the number of the identity document the recipient showed (6 to 20 "
                                    "letters and digits).")]
    if errors:
        raise DossierError(next(iter(errors.values()))[0], code=DossierErrorCode.INVALID, extra={"errors": errors})
    _deliver(dossier, kind=ResultDelivery.Kind.PAPER_COUNTER, user=officer, recipient_name=name,
             recipient_id=document, note=nfc(note).strip())
    return dossier


@transaction.atomic
def result_post(*, dossier: Dossier, officer: User, address: str = "", note: str = "") -> Dossier:
    """Gửi kết quả qua bưu chính: the centre records that the paper original left by post (the tracking
    number in the note), to the address the applicant chose; the dossier is closed."""
    dossier = lock(dossier)
    require(is_centre_officer(officer, dossier), _("Only an officer of the receiving centre may post the result."))
    guard(dossier.can_return(), dossier)
    _require_paper_original(dossier)
    address = " ".join(nfc(address).split()) or dossier.post_address
    _check_address(address)
    _deliver(dossier, kind=ResultDelivery.Kind.PAPER_POST, user=officer, recipient_name=dossier.applicant_name,
             address=address, note=nfc(note).strip())
    return dossier


@transaction.atomic
def dossier_paper_delivery_choose(*, dossier: Dossier, citizen: User, method: str, address: str = "") -> Dossier:
    """The applicant chooses how to receive the paper original: at the centre, or by post to an address."""
    dossier = lock(dossier)
    require(is_applicant(citizen, dossier), _("Only the applicant may choose how to receive the result."))
    guard(dossier.can_return(), dossier)
    _require_paper_original(dossier)
    if method not in Dossier.PaperDelivery.values:
        message = _("Choose whether to collect the paper original at the centre or receive it by post.")
        raise DossierError(message, code=DossierErrorCode.INVALID, extra={"errors": {"method": [message]}})
    address = " ".join(nfc(address).split()) if method == Dossier.PaperDelivery.POST else ""
    if method == Dossier.PaperDelivery.POST:
        _check_address(address)
    dossier.paper_delivery, dossier.post_address = method, address
    dossier.save(update_fields=["paper_delivery", "post_address", "updated_at"])
    events.record(dossier, kind=DossierEvent.Kind.DELIVERY_CHOSEN, actor=citizen, from_state=dossier.state,
                  note=address, data={"method": method})
    return dossier


@transaction.atomic
def dossier_return(*, dossier: Dossier, user: User, note: str = "", recipient_name: str = "",
                   recipient_id: str = "") -> Dossier:
    """Trả kết quả, as the API's ``return`` command has always meant it: the applicant's own call receives
    the electronic result online (result_receive_online); an officer of the receiving centre hands the
    result over at the counter (result_hand_over)."""
    if is_applicant(user, dossier):
        return result_receive_online(dossier=dossier, citizen=user)
    return result_hand_over(dossier=dossier, officer=user, recipient_name=recipient_name,
                            recipient_id=recipient_id, note=note)


def _require_paper_original(dossier: Dossier) -> None:
    if not dossier.issues_paper_original:
        raise DossierError(_("The procedure of dossier %(code)s issues its result electronically only: there is no "
                             "paper original to hand over or post.") % {"code": dossier.code},
                           code=DossierErrorCode.NO_PAPER_ORIGINAL)


def _check_address(address: str) -> None:
    message = ""
    if not address:
        message = _("Enter the postal address the paper original is sent to.")
    elif len(address) > 255:
        message = _("The postal address is too long (at most 255 characters).")
    if message:
        raise DossierError(message, code=DossierErrorCode.INVALID, extra={"errors": {"address": [message]}})


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
