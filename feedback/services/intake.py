"""Receiving a petition: online from a citizen (logged in or not), or taken down by the hotline or a counter
officer. Each gets its public code and its deadlines at once, and a receipt by e-mail (events.NOTIFIED)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from dossiers.models import Dossier
from feedback import deadlines
from feedback.errors import FeedbackError, FeedbackErrorCode
from feedback.events import record
from feedback.models import Petition, PetitionCodeSeries, PetitionEvent, PetitionFile
from feedback.routing import receiving_agency
from portal import uploads
from portal.counters import counter_next
from portal.phones import normalize_phone
from portal.text import nfc, search_fold
from portal.uploads import CheckedFile, Problem

FILE_CODES = {
    Problem.EMPTY: FeedbackErrorCode.FILE_EMPTY,
    Problem.TOO_LARGE: FeedbackErrorCode.FILE_TOO_LARGE,
    Problem.TYPE: FeedbackErrorCode.FILE_TYPE,
    Problem.IMAGE_TOO_LARGE: FeedbackErrorCode.IMAGE_TOO_LARGE,
    Problem.PDF_ACTIVE_CONTENT: FeedbackErrorCode.PDF_ACTIVE_CONTENT,
}


@dataclass
class PetitionInput:
    """What the form, the API or the hotline officer gives. ``dossier_code`` links a dossier by its code."""

    title: str
    content: str
    name: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    kind: str = Petition.Kind.FEEDBACK
    proposal: str = ""
    about: str = Petition.About.OTHER
    dossier_code: str = ""
    procedure: object = None
    centre: object = None
    official_name: str = ""
    files: list = field(default_factory=list)


def check_files(files) -> list[CheckedFile]:
    """Photos and PDFs, checked by content like a dossier's papers; at most FEEDBACK_MAX_FILES."""
    if len(files) > settings.FEEDBACK_MAX_FILES:
        raise FeedbackError(_("Attach at most %(count)s files.") % {"count": settings.FEEDBACK_MAX_FILES},
                            code=FeedbackErrorCode.TOO_MANY_FILES, extra={"errors": {"files": [
                                _("Attach at most %(count)s files.") % {"count": settings.FEEDBACK_MAX_FILES}]}})
    checked = []
    for upload in files:
        try:
            checked.append(uploads.check_upload(upload, label=_("Attachments")))
        except uploads.Refusal as refusal:
            raise FeedbackError(refusal.message, code=FILE_CODES[refusal.problem],
                                extra={"errors": {"files": [refusal.message]}}) from None
    return checked


def _clean(value: str) -> str:
    return " ".join(nfc(value or "").split())


def _contact(data: PetitionInput, citizen: User | None) -> dict[str, str]:
    """Decree 20/2008 Art. 7: the person's name, address and phone number; an account fills what it knows."""
    values = {
        "name": _clean(data.name) or (citizen.full_name if citizen else ""),
        "address": _clean(data.address) or (citizen.address if citizen else ""),
        "phone": _clean(data.phone) or (citizen.phone if citizen else ""),
        "email": _clean(data.email) or (citizen.email if citizen else ""),
    }
    errors = {}
    required = {"name": _("Enter your full name (or your organisation's name)."),
                "address": _("Enter your address."),
                "phone": _("Enter a phone number we can call you back on.")}
    for name, message in required.items():
        if not values[name]:
            errors[name] = [message]
    if values["phone"] and "phone" not in errors:
        try:
            values["phone"] = normalize_phone(values["phone"])
        except ValidationError as error:
            errors["phone"] = error.messages
    if errors:
        raise FeedbackError(
            _("A petition needs the name, address and phone number of whoever sends it: the law does not let "
              "an agency handle anonymous petitions (Decree 20/2008/NĐ-CP, Article 7)."),
            code=FeedbackErrorCode.CONTACT_MISSING, extra={"errors": errors})
    return values


def find_dossier(code: str, *, citizen: User | None) -> Dossier | None:
    """The dossier a petition is about, by its code; a logged-in citizen may name only one of theirs."""
    code = _clean(code).upper()[:40]
    if not code:
        return None
    dossiers = Dossier.objects.exclude(state=Dossier.State.DRAFT)
    if citizen is not None and not citizen.is_official:
        dossiers = dossiers.filter(applicant=citizen)
    dossier = dossiers.select_related("centre__agency").filter(code=code).first()
    if dossier is None:
        message = _("There is no dossier with code %(code)s. Check the code on the receipt (e.g. "
                    "000.00.01.H49-250701-0001), or leave it empty.") % {"code": code}
        raise FeedbackError(message, code=FeedbackErrorCode.DOSSIER_NOT_FOUND,
                            extra={"errors": {"dossier_code": [message]}})
    return dossier


def _code(day) -> str:
    number = counter_next(PetitionCodeSeries, day=day)
    return f"PAKN-{day:%y%m%d}-{number:04d}"


@transaction.atomic
def petition_submit(*, data: PetitionInput, channel: str, citizen: User | None = None,
                    recorded_by: User | None = None) -> Petition:
    """A new petition, received now by the agency it concerns (feedback.routing). ``citizen``: the account of
    whoever files it online; ``recorded_by``: the officer who took it down (hotline, counter, post)."""
    title, content = _clean(data.title)[:200], nfc(data.content or "").strip()
    errors = {}
    if not title:
        errors["title"] = [_("Say in a few words what the petition is about.")]
    if not content:
        errors["content"] = [_("Describe what happened (where, when, who, what).")]
    if data.kind not in Petition.Kind.values:
        errors["kind"] = [_("Choose feedback or petition.")]
    if errors:
        raise FeedbackError(_("Please correct the errors below."), code=FeedbackErrorCode.INVALID,
                            extra={"errors": errors})
    contact = _contact(data, citizen)
    dossier = find_dossier(data.dossier_code, citizen=citizen if recorded_by is None else None)
    checked = check_files(data.files)
    agency = receiving_agency(dossier=dossier, centre=data.centre, procedure=data.procedure)
    if agency is None:
        raise FeedbackError(_("The portal has no agency to receive petitions yet; call the hotline."),
                            code=FeedbackErrorCode.INVALID)
    now = timezone.now()
    about = Petition.About.DOSSIER if dossier else data.about
    petition = Petition(
        code=_code(timezone.localdate(now)), kind=data.kind, channel=channel, title=title, content=content,
        proposal=nfc(data.proposal or "").strip(), about=about, dossier=dossier, procedure=data.procedure,
        centre=data.centre or (dossier.centre if dossier else None), official_name=_clean(data.official_name)[:150],
        citizen=citizen if citizen and not citizen.is_official else None, recorded_by=recorded_by,
        agency=agency, submitted_at=now, **contact,
    )
    deadlines.set_receipt(petition, at=now)
    petition.deadline_at = deadlines.next_deadline(petition)
    petition.search_text = search_fold(f"{title} {content}")
    petition.save()
    for file in checked:
        row = PetitionFile(petition=petition, original_name=file.name, content_type=file.content_type,
                           size=file.size, sha256=file.sha256)
        row.file.save(file.storage_name, ContentFile(file.content), save=False)
        row.save()
    record(petition, kind=PetitionEvent.Kind.SUBMITTED, actor=recorded_by or citizen,
           data={"channel": channel, "files": len(checked)})
    return petition
