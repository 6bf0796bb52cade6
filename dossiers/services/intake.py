"""Submission: a citizen's online draft and its submission, and the walk-in dossier an officer files (and
receives) at the counter; both give the dossier its code. Files are checked (dossiers.uploads) before
anything is written."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from dossiers import events, registry
from dossiers.errors import DossierError, DossierErrorCode, SubmissionHeld
from dossiers.models import Dossier, DossierEvent, DossierFile
from dossiers.permissions import is_applicant
from dossiers.services import receipt
from dossiers.services._common import ApplicantData, guard, lock, require
from dossiers.slips.declaration import declaration_file_name, declaration_pdf
from dossiers.uploads import CheckedFile, check_total, check_upload, safe_name
from portal.hooks import Hook
from portal.text import nfc
from procedures.eforms import AnswersInvalid, answers_clean, field_name, question_label
from procedures.models import ProcedureVersion, RequiredComponent
from units.models import ServiceCentre

logger = logging.getLogger(__name__)

# Checks an app above dossiers adds to a citizen's submission (payments: the fees paid before submission):
# ``fn(dossier)`` raises a DossierError to refuse it, inside the submission's transaction, the dossier locked.
submission_checks = Hook("dossiers.submission_checks")

# Files keyed by the RequiredComponent's pk.
Uploads = Mapping[int, UploadedFile]


def check_files(*, version: ProcedureVersion, uploads: Uploads, dossier: Dossier | None = None
                ) -> dict[int, CheckedFile]:
    """Every upload read and checked, keyed by component. Raises DossierError listing each bad file."""
    components = {c.pk: c for c in version.components.all()}
    checked: dict[int, CheckedFile] = {}
    errors: dict[str, list[str]] = {}
    for component_id, upload in uploads.items():
        component = components.get(int(component_id))
        if component is None:
            raise DossierError(_("This file does not belong to a component of the procedure."),
                               code=DossierErrorCode.UNKNOWN_COMPONENT)
        try:
            checked[component.pk] = check_upload(upload, label=component.display_name)
        except DossierError as error:
            errors[f"component_{component.pk}"] = [error.message]
    if errors:
        raise DossierError(_("Some files were not accepted; nothing was changed."),
                           code=DossierErrorCode.BAD_FILES,
                           extra={"errors": errors})
    existing = 0
    if dossier is not None:
        replaced = list(checked)
        existing = (dossier.files.filter(is_current=True).exclude(component_id__in=replaced)
                    .aggregate(total=Sum("size"))["total"] or 0)
    check_total(existing_bytes=existing, new_files=list(checked.values()))
    return checked


def store_files(*, dossier: Dossier, files: Mapping[int, CheckedFile], actor: User) -> list[DossierFile]:
    """Attach checked files; a new file for a component replaces the current one (kept for history).
    Stored names are random: the client's name is only shown."""
    if not files:
        return []
    DossierFile.objects.filter(dossier=dossier, component_id__in=list(files), is_current=True).update(
        is_current=False)
    stored = []
    for component_id, checked in files.items():
        row = DossierFile(dossier=dossier, component_id=component_id, original_name=checked.name,
                          content_type=checked.content_type, size=checked.size, sha256=checked.sha256,
                          uploaded_by=actor)
        row.file.save(checked.storage_name, ContentFile(checked.content), save=False)
        row.save()
        stored.append(row)
    return stored


def check_centre(*, version: ProcedureVersion, centre: ServiceCentre, channel: str) -> None:
    """The procedure must be in force, received at that centre and through that channel."""
    current = ProcedureVersion.objects.current().filter(pk=version.pk).exists()
    if not current:
        raise DossierError(_("This procedure is not in force; choose it again from the catalogue."),
                           code=DossierErrorCode.PROCEDURE_NOT_CURRENT)
    if not centre.is_published or not version.centres.filter(pk=centre.pk).exists():
        raise DossierError(
            _("%(centre)s does not receive dossiers of this procedure; choose one of the centres listed.")
            % {"centre": centre.display_name}, code=DossierErrorCode.CENTRE_NOT_ACCEPTING,
            extra={"errors": {"centre": [_("This centre does not receive this procedure.")]}},
        )
    if channel == Dossier.Channel.ONLINE and not version.channel_online:
        raise DossierError(_("This procedure cannot be submitted online; file it at a centre's counter."),
                           code=DossierErrorCode.NOT_ONLINE)
    if channel == Dossier.Channel.COUNTER and not version.channel_counter:
        raise DossierError(_("This procedure is not received at the counter."),
                           code=DossierErrorCode.NOT_COUNTER)


def missing_components(dossier: Dossier) -> list[RequiredComponent]:
    """Mandatory components with no current file. The one the e-form fills in is never missing: its file
    is the declaration printed at submission (the e-form's own answers are checked then)."""
    attached = set(dossier.files.filter(is_current=True).values_list("component_id", flat=True))
    return [c for c in _mandatory(dossier.procedure_version) if c.pk not in attached]


def check_answers(*, version: ProcedureVersion, form_data, partial: bool = False) -> dict:
    """The e-form's answers checked and normalised (procedures.eforms). ``partial``: a draft may leave
    required questions unanswered. Raises DossierError with each problem under ``form_data.<key>``."""
    definition = list(version.form_fields.all())
    try:
        return answers_clean(definition, form_data, partial=partial)
    except AnswersInvalid as error:
        labels = {field_name(spec.key): question_label(spec) for spec in definition}
        named = [labels[key] for key in error.errors if key in labels]
        message = (_("Please correct the answers of the declaration: %(questions)s.") % {"questions": "; ".join(named)}
                   if named else _("Please correct the answers of the declaration."))
        raise DossierError(message, code=DossierErrorCode.INVALID if partial else DossierErrorCode.INCOMPLETE,
                           extra={"errors": error.errors}) from None


def _checked_together(*checks) -> list:
    """Run each check and report every one's field errors at once (the first one's message heads them)."""
    results, failures = [], []
    for check in checks:
        try:
            results.append(check())
        except DossierError as error:
            results.append(None)
            failures.append(error)
    if failures:
        errors: dict[str, list[str]] = {}
        for failure in failures:
            for name, messages in (failure.extra.get("errors") or {}).items():
                errors.setdefault(name, []).extend(messages)
        first = failures[0]
        raise DossierError(first.message, code=first.code, extra={**first.extra, "errors": errors})
    return results


def attach_declaration(*, dossier: Dossier, actor: User) -> DossierFile | None:
    """Print the e-form's answers as the declaration (tờ khai) and attach it, to the component the e-form
    fills in if the procedure names one; an earlier declaration stays in the history. None when the
    procedure has no e-form."""
    version = dossier.procedure_version
    if not version.form_fields.exists():
        return None
    content = declaration_pdf(dossier)
    component = next((c for c in version.components.all() if c.filled_by_form), None)
    dossier.files.filter(kind=DossierFile.Kind.DECLARATION, is_current=True).update(is_current=False)
    if component is not None:
        dossier.files.filter(component=component, is_current=True).update(is_current=False)
    checked = CheckedFile(content=content, name=safe_name(declaration_file_name(version), "application/pdf"),
                          content_type="application/pdf", sha256=hashlib.sha256(content).hexdigest())
    row = DossierFile(dossier=dossier, component=component, kind=DossierFile.Kind.DECLARATION,
                      original_name=checked.name, content_type=checked.content_type, size=checked.size,
                      sha256=checked.sha256, uploaded_by=actor)
    row.file.save(checked.storage_name, ContentFile(content), save=False)
    row.save()
    return row


@transaction.atomic
def dossier_draft_save(
    *, citizen: User, version: ProcedureVersion, centre: ServiceCentre, applicant: ApplicantData,
    description: str = "", uploads: Uploads | None = None, dossier: Dossier | None = None,
    form_data: dict | None = None,
) -> Dossier:
    """Create a citizen's draft, or save changes to it. Nothing is checked for completeness yet; files
    are checked one by one, and a bad one changes nothing. ``form_data`` (the e-form's answers) replaces
    the draft's answers; None keeps them."""
    require(citizen.is_authenticated and not citizen.is_official, _("Only citizens submit dossiers online."))
    if dossier is not None:
        dossier = lock(dossier)
        require(is_applicant(citizen, dossier), _("This is not your dossier."))
        guard(dossier.can_edit_draft(), dossier)
        version = dossier.procedure_version
    applicant, answers = _checked_together(
        applicant.cleaned,
        lambda: None if form_data is None else check_answers(version=version, form_data=form_data, partial=True),
    )
    check_centre(version=version, centre=centre, channel=Dossier.Channel.ONLINE)
    files = check_files(version=version, uploads=uploads or {}, dossier=dossier)
    created = dossier is None
    if created:
        dossier = Dossier(procedure_version=version, channel=Dossier.Channel.ONLINE, applicant=citizen,
                          created_by=citizen, state=Dossier.State.DRAFT)
    dossier.centre = centre
    dossier.description = nfc(description).strip()
    if answers is not None:
        dossier.form_data = answers
    previous = None if created else registry.applicant_values(dossier)
    applicant.apply_to(dossier)
    registry.registry_fields_record(dossier=dossier, token=applicant.registry_token, previous=previous)
    dossier.save()
    store_files(dossier=dossier, files=files, actor=citizen)
    if created:
        events.record(dossier, kind=DossierEvent.Kind.DRAFTED, actor=citizen)
    return dossier


@transaction.atomic
def dossier_submit(*, dossier: Dossier, citizen: User, identity_verified: bool = False) -> Dossier:
    """Send the draft to the centre: draft → submitted, once every mandatory component has its file. The
    dossier gets its code now (the receiving centre's agency, today), so the applicant can track it from
    this moment. ``identity_verified``: the citizen logged in through the national identity (VNeID) in this
    session; the dossier records it (Decision 766) when its applicant is that verified person (their CCCD)."""
    dossier = lock(dossier)
    require(is_applicant(citizen, dossier), _("This is not your dossier."))
    guard(dossier.can_edit_draft(), dossier)
    check_centre(version=dossier.procedure_version, centre=dossier.centre, channel=dossier.channel)
    _checked_together(lambda: _require_complete(missing_components(dossier)),
                      lambda: check_answers(version=dossier.procedure_version, form_data=dossier.form_data))
    submission_checks.send(dossier)
    now = timezone.now()
    receipt.code_assign(dossier, now=now)
    dossier.state = Dossier.State.SUBMITTED
    dossier.submitted_at = now
    dossier.applicant_identity_verified = bool(identity_verified and citizen.identity_verified_at
                                               and citizen.cccd and dossier.applicant_cccd == citizen.cccd)
    dossier.save(update_fields=["code", "state", "submitted_at", "applicant_identity_verified", "updated_at"])
    # Printed now, from the answers as submitted: edits to the draft never leave a stale declaration.
    attach_declaration(dossier=dossier, actor=citizen)
    events.record(dossier, kind=DossierEvent.Kind.SUBMITTED, actor=citizen, from_state=Dossier.State.DRAFT,
                  data={"code": dossier.code})
    return dossier


def dossier_save_and_submit(
    *, citizen: User, version: ProcedureVersion, centre: ServiceCentre, applicant: ApplicantData,
    description: str = "", uploads: Uploads | None = None, dossier: Dossier | None = None,
    form_data: dict | None = None, identity_verified: bool = False,
) -> Dossier:
    """Save the form and send it in one go, or neither: a submission that fails leaves no new draft
    behind, and an existing draft as it was — except one a submission check holds back (the fees to pay
    online first): the form is fine, so it is kept as a draft and SubmissionHeld names it (``extra["dossier"]``,
    its UUID) for the applicant to act on its page."""
    held = None
    with transaction.atomic():
        dossier = dossier_draft_save(citizen=citizen, version=version, centre=centre, applicant=applicant,
                                     description=description, uploads=uploads, dossier=dossier, form_data=form_data)
        try:
            with transaction.atomic():
                return dossier_submit(dossier=dossier, citizen=citizen, identity_verified=identity_verified)
        except SubmissionHeld as error:
            held = error
            held.extra = {**held.extra, "dossier": str(dossier.uuid)}
    raise held


@transaction.atomic
def dossier_draft_delete(*, dossier: Dossier, citizen: User) -> None:
    """Xóa bản nháp: a draft never sent is the citizen's alone; deleting it removes it and its files.
    A sent dossier is never deleted (it may be withdrawn)."""
    dossier = lock(dossier)
    require(is_applicant(citizen, dossier), _("This is not your dossier."))
    guard(dossier.can_edit_draft(), dossier)
    files = [row.file for row in dossier.files.all() if row.file]
    dossier.delete()
    transaction.on_commit(lambda: _delete_stored(files))


def _delete_stored(files) -> None:
    for stored in files:
        try:
            stored.storage.delete(stored.name)
        except OSError:  # a file already gone is what we wanted
            logger.warning("Could not delete %s of a deleted draft.", stored.name, exc_info=True)


@transaction.atomic
def dossier_create_at_counter(
    *, officer: User, version: ProcedureVersion, applicant: ApplicantData, description: str = "",
    uploads: Uploads | None = None, form_data: dict | None = None, await_check: bool = False,
) -> Dossier:
    """A walk-in applicant's dossier, filed by a one-stop officer at their centre with the scanned papers.
    It gets its code at once. The officer has just checked the papers across the counter, so filing is
    receiving (due date, steps, receipt slip ready to print), and every mandatory paper must be scanned;
    with ``await_check`` (the papers are not complete yet, or to be checked later) it waits on the desk
    for the completeness check instead. If the applicant has an account (same CCCD), they see it online too."""
    require(officer.role == User.Role.OFFICER and officer.centre_id,
            _("Only one-stop officers file dossiers at the counter."))
    applicant, answers = _checked_together(
        applicant.cleaned, lambda: check_answers(version=version, form_data=form_data or {}))
    centre = ServiceCentre.objects.select_related("agency").get(pk=officer.centre_id)
    check_centre(version=version, centre=centre, channel=Dossier.Channel.COUNTER)
    files = check_files(version=version, uploads=uploads or {})
    if not await_check:
        _require_complete([c for c in _mandatory(version) if c.pk not in files], at_counter=True)
    account = User.objects.filter(cccd=applicant.cccd, role=User.Role.CITIZEN).first()
    now = timezone.now()
    dossier = Dossier(procedure_version=version, centre=centre, channel=Dossier.Channel.COUNTER,
                      applicant=account, created_by=officer, state=Dossier.State.SUBMITTED, submitted_at=now,
                      description=nfc(description).strip(), form_data=answers)
    applicant.apply_to(dossier)
    registry.registry_fields_record(dossier=dossier, token=applicant.registry_token)
    receipt.code_assign(dossier, now=now)
    dossier.save()
    store_files(dossier=dossier, files=files, actor=officer)
    attach_declaration(dossier=dossier, actor=officer)
    events.record(dossier, kind=DossierEvent.Kind.CREATED_AT_COUNTER, actor=officer, data={"code": dossier.code})
    if not await_check:
        receipt.receive(dossier, officer=officer, now=now)
    return dossier


def _mandatory(version: ProcedureVersion) -> list[RequiredComponent]:
    return [c for c in version.components.all() if c.must_attach]


def _require_complete(missing: list[RequiredComponent], *, at_counter: bool = False) -> None:
    if not missing:
        return
    names = "; ".join(c.display_name for c in missing)
    if at_counter:
        message = (_("Scan every mandatory paper to receive the dossier now, or choose to leave it awaiting the "
                     "check. Missing: %(names)s.") % {"names": names})
    else:
        message = (_("Attach a file for every mandatory component before submitting. Missing: %(names)s.")
                   % {"names": names})
    raise DossierError(
        message, code=DossierErrorCode.INCOMPLETE,
        extra={"errors": {f"component_{c.pk}": [_("This component is mandatory.")] for c in missing}},
    )
