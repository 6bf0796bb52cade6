"""Hồ sơ công việc (Decree 30/2020 art. 28–31; Appendix VI Part II §III): an official opens a file for a matter,
puts in it the documents of the matter they may see (a document may sit in several files: an entry links
it, nothing is copied), closes it when the matter ends, and the file is then due for deposit in the
agency's archive. A closed file can be frozen: nothing is added, removed, moved, changed or deleted any more
(Appendix VI: "đóng băng"). Every function locks the file's row, checks who acts and the file's state,
then changes it; adding and removing also write the document's trail."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from documents import events, permissions
from documents.errors import (
    DocumentConflict,
    DocumentError,
    DocumentErrorCode,
    DocumentForbidden,
    DocumentNotFound,
)
from documents.models import Document, DocumentEvent, OrgUnit, WorkFile, WorkFileEntry
from documents.selectors import workfiles as access

# Art. 30.2: files are deposited in the agency's archive within 01 year of the end of the matter, files of
# capital construction within 03 months of the project's final settlement.
ORDINARY_DEPOSIT_MONTHS = 12
CAPITAL_CONSTRUCTION_DEPOSIT_MONTHS = 3
# Appendix VI Part I §III.5.b: the system tells of files due for deposit 30 days before.
DEPOSIT_REMINDER_DAYS = 30
# Thời hạn bảo quản: "Vĩnh viễn" (permanent) or a number of years, "05 năm", "10 năm", "70 năm".
PERMANENT = "Vĩnh viễn"
MAINTENANCE = re.compile(r"^(Vĩnh viễn|\d{1,3} năm)$")
# FileNotation (S20): the file's number in the agency's list for the year, "01", "VX.05", "12-TCCB".
NOTATION = re.compile(r"^[\w.\-]{1,20}$")
EDITABLE = ("notation", "year", "title", "maintenance", "rights", "unit", "language", "description", "start_date",
            "capital_construction")


def deposit_due_for(end_date: dt.date, *, capital_construction: bool = False) -> dt.date:
    """The day a file that ended on ``end_date`` is due in the archive (Art. 30.2): a year later for an
    ordinary file, three months later for a capital construction file (counted from its final settlement)."""
    months = CAPITAL_CONSTRUCTION_DEPOSIT_MONTHS if capital_construction else ORDINARY_DEPOSIT_MONTHS
    month_index = end_date.month - 1 + months
    year, month = end_date.year + month_index // 12, month_index % 12 + 1
    return end_date.replace(year=year, month=month, day=min(end_date.day, calendar.monthrange(year, month)[1]))


def _invalid(field: str, message: str, code: str = DocumentErrorCode.INVALID) -> DocumentError:
    return DocumentError(message, code=code, extra={"errors": {field: [message]}})


def _check_values(values: dict, *, agency_id: int) -> dict:
    """The file's fields checked and normalised; DocumentError names the field that is wrong."""
    cleaned = dict(values)
    if "notation" in cleaned:
        cleaned["notation"] = (cleaned["notation"] or "").strip()
        if not NOTATION.match(cleaned["notation"]):
            raise _invalid("notation", _("The file number is 1 to 20 letters, digits, dots or hyphens, e.g. 05 or "
                                         "VX.05."))
    if "year" in cleaned and not (1900 <= int(cleaned["year"]) <= 2999):
        raise _invalid("year", _("The year is not valid."))
    if "title" in cleaned:
        cleaned["title"] = " ".join((cleaned["title"] or "").split())
        if not cleaned["title"]:
            raise _invalid("title", _("Give the file a title."))
        if len(cleaned["title"]) > 500:
            raise _invalid("title", _("The title is at most 500 characters."))
    if "maintenance" in cleaned:
        cleaned["maintenance"] = " ".join((cleaned["maintenance"] or "").split())
        if not MAINTENANCE.match(cleaned["maintenance"]):
            raise _invalid("maintenance", _("The retention period is “Vĩnh viễn” or a number of years, e.g. “05 "
                                            "năm”, “10 năm”."))
    if "rights" in cleaned and cleaned["rights"] not in access.RIGHTS:
        raise _invalid("rights", _("The access rights are “Công khai” or “Hạn chế”."))
    unit = cleaned.get("unit")
    if unit is not None and (unit.agency_id != agency_id or not unit.is_active):
        raise _invalid("unit", _("Choose one of your agency's units."))
    for field, limit in (("language", 50), ("description", 500)):
        if field in cleaned:
            cleaned[field] = (cleaned[field] or "").strip()
            if len(cleaned[field]) > limit:
                raise _invalid(field, _("This is at most %(limit)d characters.") % {"limit": limit})
    if cleaned.get("start_date") and cleaned["start_date"] > timezone.localdate():
        raise _invalid("start_date", _("The start date cannot be in the future."))
    return cleaned


def _code_taken(work_file: WorkFile) -> bool:
    return (WorkFile.objects.filter(agency_id=work_file.agency_id, year=work_file.year, notation=work_file.notation)
            .exclude(pk=work_file.pk).exists())


def _code_taken_error(work_file: WorkFile) -> DocumentError:
    return _invalid("notation", _("The agency already has file number %(notation)s for %(year)s.")
                    % {"notation": work_file.notation, "year": work_file.year}, DocumentErrorCode.WORKFILE_CODE_TAKEN)


def _save_unique(work_file: WorkFile, **kwargs) -> None:
    """Save, turning the race on the file code (two officials giving the same number at once) into the error."""
    if _code_taken(work_file):
        raise _code_taken_error(work_file)
    try:
        with transaction.atomic():
            work_file.save(**kwargs)
    except IntegrityError:
        raise _code_taken_error(work_file) from None


@transaction.atomic
def workfile_open(*, user: User, notation: str, title: str, maintenance: str, rights: str = access.RIGHTS_RESTRICTED,
                  year: int | None = None, unit: OrgUnit | None = None, start_date: dt.date | None = None,
                  language: str = "Tiếng Việt", description: str = "", capital_construction: bool = False) -> WorkFile:
    """Lập hồ sơ: any official of an agency opens a file of the agency, kept by them."""
    if not permissions.is_agency_official(user, user.agency_id):
        raise DocumentForbidden(_("Work files are kept by the officials of an agency."), code=DocumentErrorCode.FORBIDDEN)
    start_date = start_date or timezone.localdate()
    values = _check_values({
        "notation": notation, "title": title, "maintenance": maintenance, "rights": rights,
        "year": year or start_date.year, "unit": unit, "start_date": start_date, "language": language,
        "description": description}, agency_id=user.agency_id)
    work_file = WorkFile(agency_id=user.agency_id, creator=user, capital_construction=capital_construction, **values)
    _save_unique(work_file, force_insert=True)
    return work_file


def _locked(work_file: WorkFile, user: User) -> WorkFile:
    """The file's row, locked; 404 if ``user`` may not see it, 403 if they may not manage it, 409 if frozen."""
    locked = access.workfiles_visible_to(user, WorkFile.objects.select_for_update(of=("self",))
                                         .select_related("agency")).filter(pk=work_file.pk).first()
    if locked is None:
        raise DocumentNotFound(_("No such work file."), code=DocumentErrorCode.WORKFILE_NOT_FOUND)
    if not access.can_manage(user, locked):
        raise DocumentForbidden(_("Only the official who keeps this file, the unit's head, the clerk or a leader "
                                  "may change it."), code=DocumentErrorCode.FORBIDDEN)
    _refuse_if_frozen(locked)
    return locked


def _refuse_if_frozen(work_file: WorkFile) -> None:
    if work_file.is_frozen:
        raise DocumentConflict(
            _("Work file %(code)s is frozen: nothing can be added to it, removed or moved from it, changed or "
              "deleted.") % {"code": work_file.file_code}, code=DocumentErrorCode.WORKFILE_FROZEN)


def _require_open(work_file: WorkFile) -> None:
    if work_file.state != WorkFile.State.OPEN:
        raise DocumentConflict(_("Work file %(code)s is closed: reopen it first.") % {"code": work_file.file_code},
                               code=DocumentErrorCode.BAD_STATE)


@transaction.atomic
def workfile_update(*, work_file: WorkFile, user: User, **changes) -> WorkFile:
    """Change the file's details (not once it is frozen). A closed file's deposit date follows its kind."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise DocumentError(_("These details cannot be changed: %(fields)s.") % {"fields": ", ".join(sorted(unknown))},
                            code=DocumentErrorCode.INVALID)
    work_file = _locked(work_file, user)
    for field, value in _check_values(changes, agency_id=work_file.agency_id).items():
        setattr(work_file, field, value)
    if work_file.end_date and work_file.start_date and work_file.end_date < work_file.start_date:
        raise _invalid("start_date", _("The start date must come before the end date."))
    if work_file.end_date:
        work_file.deposit_due = deposit_due_for(work_file.end_date, capital_construction=work_file.capital_construction)
    _save_unique(work_file)
    return work_file


@transaction.atomic
def workfile_document_add(*, work_file: WorkFile, document: Document, user: User) -> WorkFileEntry:
    """Put a document the user may see into an open file: a link, the document is not copied (it may sit in
    other files too)."""
    work_file = _locked(work_file, user)
    _require_open(work_file)
    if not permissions.can_view(user, document):
        raise DocumentNotFound(_("No such document."), code=DocumentErrorCode.NOT_FOUND)
    if WorkFileEntry.objects.filter(work_file=work_file, document=document).exists():
        raise DocumentConflict(_("This document is already in work file %(code)s.") % {"code": work_file.file_code},
                               code=DocumentErrorCode.WORKFILE_ALREADY_FILED)
    entry = WorkFileEntry.objects.create(work_file=work_file, document=document, added_by=user)
    events.record(document, kind=DocumentEvent.Kind.FILED, actor=user, from_state=document.state,
                  note=work_file.file_code, data={"work_file": str(work_file.uuid)})
    return entry


@transaction.atomic
def workfile_document_remove(*, work_file: WorkFile, document: Document, user: User) -> None:
    """Take a document out of an open file (the document itself, and the other files holding it, stay)."""
    work_file = _locked(work_file, user)
    _require_open(work_file)
    if not permissions.can_view(user, document):
        raise DocumentNotFound(_("No such document."), code=DocumentErrorCode.NOT_FOUND)
    removed, _detail = WorkFileEntry.objects.filter(work_file=work_file, document=document).delete()
    if not removed:
        raise _invalid("document", _("This document is not in work file %(code)s.") % {"code": work_file.file_code},
                       DocumentErrorCode.WORKFILE_NOT_FILED)
    events.record(document, kind=DocumentEvent.Kind.UNFILED, actor=user, from_state=document.state,
                  note=work_file.file_code, data={"work_file": str(work_file.uuid)})


@transaction.atomic
def workfile_close(*, work_file: WorkFile, user: User, end_date: dt.date | None = None) -> WorkFile:
    """Kết thúc hồ sơ: the matter has ended; the file is due for deposit by Art. 30.2's rule."""
    work_file = _locked(work_file, user)
    _require_open(work_file)
    end_date = end_date or timezone.localdate()
    if end_date > timezone.localdate():
        raise _invalid("end_date", _("The end date cannot be in the future."))
    if work_file.start_date and end_date < work_file.start_date:
        raise _invalid("end_date", _("The end date cannot come before the start date."))
    work_file.state, work_file.end_date = WorkFile.State.CLOSED, end_date
    work_file.deposit_due = deposit_due_for(end_date, capital_construction=work_file.capital_construction)
    work_file.deposit_reminded_at = None
    work_file.save(update_fields=["state", "end_date", "deposit_due", "deposit_reminded_at"])
    return work_file


@transaction.atomic
def workfile_reopen(*, work_file: WorkFile, user: User) -> WorkFile:
    """A closed file that is not frozen opens again (it has no end and no deposit date any more)."""
    work_file = _locked(work_file, user)
    if work_file.state != WorkFile.State.CLOSED:
        raise DocumentConflict(_("Work file %(code)s is open already.") % {"code": work_file.file_code},
                               code=DocumentErrorCode.BAD_STATE)
    work_file.state, work_file.end_date, work_file.deposit_due, work_file.deposit_reminded_at = (
        WorkFile.State.OPEN, None, None, None)
    work_file.save(update_fields=["state", "end_date", "deposit_due", "deposit_reminded_at"])
    return work_file


@transaction.atomic
def workfile_freeze(*, work_file: WorkFile, user: User) -> WorkFile:
    """Đóng băng: a closed file is kept as it is; from now on every change is refused."""
    locked = access.workfiles_visible_to(user, WorkFile.objects.select_for_update(of=("self",))
                                         .select_related("agency")).filter(pk=work_file.pk).first()
    if locked is None:
        raise DocumentNotFound(_("No such work file."), code=DocumentErrorCode.WORKFILE_NOT_FOUND)
    if not access.can_freeze(user, locked):
        raise DocumentForbidden(_("Only the agency's clerk or a leader may freeze a work file."),
                                code=DocumentErrorCode.FORBIDDEN)
    _refuse_if_frozen(locked)
    if locked.state != WorkFile.State.CLOSED:
        raise DocumentConflict(_("Close work file %(code)s before freezing it.") % {"code": locked.file_code},
                               code=DocumentErrorCode.BAD_STATE)
    locked.state, locked.frozen_at, locked.frozen_by = WorkFile.State.FROZEN, timezone.now(), user
    locked.save(update_fields=["state", "frozen_at", "frozen_by"])
    return locked


@transaction.atomic
def workfile_deposit(*, work_file: WorkFile, user: User) -> WorkFile:
    """Nộp lưu: the clerk records that the closed (or frozen) file went into the agency's archive. A
    deposited file is frozen too."""
    locked = access.workfiles_visible_to(user, WorkFile.objects.select_for_update(of=("self",))
                                         .select_related("agency")).filter(pk=work_file.pk).first()
    if locked is None:
        raise DocumentNotFound(_("No such work file."), code=DocumentErrorCode.WORKFILE_NOT_FOUND)
    if not access.can_record_deposit(user, locked):
        raise DocumentForbidden(_("Only the agency's clerk records a deposit in the archive."),
                                code=DocumentErrorCode.FORBIDDEN)
    if locked.state not in (WorkFile.State.CLOSED, WorkFile.State.FROZEN):
        raise DocumentConflict(_("Only a closed work file is deposited."), code=DocumentErrorCode.BAD_STATE)
    locked.state, locked.deposited_at = WorkFile.State.DEPOSITED, timezone.now()
    locked.save(update_fields=["state", "deposited_at"])
    return locked


@transaction.atomic
def workfile_delete(*, work_file: WorkFile, user: User) -> None:
    """Delete a file that is not frozen: its entries go, its documents (and the other files holding them) stay."""
    work_file = _locked(work_file, user)
    entries = list(WorkFileEntry.objects.filter(work_file=work_file).select_related("document"))
    for entry in entries:
        events.record(entry.document, kind=DocumentEvent.Kind.UNFILED, actor=user, from_state=entry.document.state,
                      note=work_file.file_code, data={"work_file": str(work_file.uuid), "deleted": True})
    work_file.delete()


def workfiles_remind_deposit(*, today: dt.date | None = None) -> int:
    """E-mail the keeper and the agency's clerks once about each closed file due for deposit within 30 days
    (Appendix VI Part I §III.5.b). Returns how many files were reminded of."""
    today = today or timezone.localdate()
    horizon = today + dt.timedelta(days=DEPOSIT_REMINDER_DAYS)
    due = list(WorkFile.objects.filter(state__in=(WorkFile.State.CLOSED, WorkFile.State.FROZEN),
                                       deposit_due__isnull=False, deposit_due__lte=horizon,
                                       deposit_reminded_at__isnull=True).select_related("agency", "creator"))
    reminded = 0
    for work_file in due:
        with transaction.atomic():
            claimed = WorkFile.objects.filter(pk=work_file.pk, deposit_reminded_at__isnull=True).update(
                deposit_reminded_at=timezone.now())
            if claimed:
                reminded += 1
                transaction.on_commit(lambda w=work_file: _send_deposit_reminder(w, today=today))
    return reminded


def _send_deposit_reminder(work_file: WorkFile, *, today: dt.date) -> None:
    clerks = User.objects.filter(agency_id=work_file.agency_id, role=User.Role.CLERK, is_active=True).exclude(email="")
    recipients = sorted({*clerks.values_list("email", flat=True), *([work_file.creator.email]
                                                                     if work_file.creator.email else [])})
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        context = {"work_file": work_file, "overdue": work_file.deposit_due < today,
                   "url": settings.SITE_URL.rstrip("/") + reverse("documents:workfile", args=[work_file.uuid])}
        subject = render_to_string("documents/email/deposit_due_subject.txt", context).strip()
        body = render_to_string("documents/email/deposit_due.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, recipients)
