"""The hotline desk: the officer writes the call down while on the phone — the caller's number, what they said,
truthfully (Decree 20/2008 Art. 7) — links the dossier they ask about by its code, and either answers at once
(the dossier's state is on the screen), refers them elsewhere, or opens a petition for them; every call is in
the call log with its outcome."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from feedback import permissions
from feedback.errors import FeedbackError, FeedbackErrorCode
from feedback.models import HotlineCall, Petition
from feedback.services._common import require
from feedback.services.intake import PetitionInput, find_dossier, petition_submit
from hotlines.models import Hotline
from portal.phones import normalize_phone
from portal.text import nfc


@dataclass
class CallInput:
    caller_phone: str
    summary: str
    outcome: str
    caller_name: str = ""
    response: str = ""
    dossier_code: str = ""
    hotline: Hotline | None = None
    started_at: object = None


@transaction.atomic
def hotline_call_record(*, officer: User, call: CallInput, petition: PetitionInput | None = None) -> HotlineCall:
    """Write the call down; with ``petition`` (outcome "petition opened") the petition is filed in the same
    transaction, from the caller's number and what they said, through the hotline channel."""
    require(permissions.is_hotline_desk(officer), _("Only hotline officers record calls."))
    errors = {}
    try:
        phone = normalize_phone(call.caller_phone)
    except ValidationError as error:
        phone, errors["caller_phone"] = "", error.messages
    summary = nfc(call.summary or "").strip()
    if not summary:
        errors["summary"] = [_("Write down what the caller said.")]
    if call.outcome not in HotlineCall.Outcome.values:
        errors["outcome"] = [_("Choose what came of the call.")]
    elif call.outcome == HotlineCall.Outcome.PETITION and petition is None:
        errors["outcome"] = [_("Fill in the petition to open one.")]
    elif call.outcome == HotlineCall.Outcome.ANSWERED and not nfc(call.response or "").strip():
        errors["response"] = [_("Write down what you answered.")]
    if errors:
        raise FeedbackError(_("Please correct the errors below."), code=FeedbackErrorCode.INVALID,
                            extra={"errors": errors})
    dossier = find_dossier(call.dossier_code, citizen=None)
    opened = None
    if call.outcome == HotlineCall.Outcome.PETITION:
        petition.phone = petition.phone or phone
        petition.name = petition.name or call.caller_name
        petition.dossier_code = petition.dossier_code or (dossier.code if dossier else "")
        opened = petition_submit(data=petition, channel=Petition.Channel.HOTLINE, recorded_by=officer)
    return HotlineCall.objects.create(
        hotline=call.hotline, officer=officer, caller_phone=phone, caller_name=nfc(call.caller_name or "").strip()[:150],
        started_at=call.started_at or timezone.now(), summary=summary, dossier=dossier, outcome=call.outcome,
        response=nfc(call.response or "").strip(), petition=opened,
    )
