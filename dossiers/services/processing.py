"""Giải quyết hồ sơ: the internal process steps, the result, the apology-and-extension letter and the
stop notice.

The result is an outgoing document of the resolving agency (dossiers/services/results.py). The *result
step* is the last step in the leader's role (the approval and signature), or the last step when none is:
completing it signs the result document — the current draft, or a PDF uploaded or generated then — with the
leader's certificate: step_complete_with_pin opens the key with the PIN first (a wrong PIN is counted even
though the step is not completed). The *drafting step* before it (the one the procedure marks as drafting
the result, or else the last specialist's step) lets its holder draft the result (dossiers/services/
drafts.py). The *numbering step*, the clerk's after the approval, numbers it in the agency's register and
applies the agency's signature; without one the approval does that too. Completing the last step ends
processing: the dossier's result is ready to return."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from dossiers import events
from dossiers.deadlines import shift_for_pause
from dossiers.errors import DossierConflict, DossierError, DossierErrorCode
from dossiers.models import Dossier, DossierEvent, DossierStep, ResultDraft
from dossiers.permissions import can_manage_deadline, can_work_step, holds_step
from dossiers.services._common import guard, lock, require, required_text
from dossiers.services.results import (
    numbering_step,
    result_document_attach,
    result_number,
    result_sign,
    result_step,
)
from dossiers.uploads import check_upload
from portal.dates import datetime_text
from portal.text import nfc
from signatures import selectors as signature_selectors
from signatures import services as signature_services
from signatures.pdfsign import KeyHolder
from units.models import Agency


def drafting_step(steps: list[DossierStep]) -> DossierStep | None:
    """Where the result is drafted: the last step before the result step that the procedure marks as
    drafting it, or else the last specialist's step before the result step."""
    chosen = result_step(steps)
    before = [s for s in steps if chosen is None or s.position < chosen.position]
    marked = [s for s in before if s.drafts_result]
    specialists = [s for s in before if s.responsible_role == User.Role.SPECIALIST]
    return (marked or specialists or [None])[-1]


def may_draft_result(steps: list[DossierStep], step: DossierStep) -> bool:
    """The holder of ``step`` may attach a draft result: the drafting step's, or the leader's at the result
    step (who may replace the draft before approving it)."""
    return any(s is not None and s.position == step.position for s in (drafting_step(steps), result_step(steps)))


def completing_needs_result(dossier: Dossier, steps: list[DossierStep], step: DossierStep) -> bool:
    """Completing ``step`` (one of the dossier's ``steps``, in order) approves the result: it is the result
    step, or the last step while the dossier still has no result. step_complete decides by this, and the
    pages ask it which form to show."""
    chosen = result_step(steps)
    return (chosen is not None and step.position == chosen.position) or (
        step.position == steps[-1].position and not dossier.result_file and dossier.result_document_id is None)


def completing_numbers_result(dossier: Dossier, steps: list[DossierStep], step: DossierStep) -> bool:
    """Completing ``step`` numbers the approved result: the clerk's step after the approval, while the result
    document awaits its number (a dossier whose result was attached before results were numbered has none)."""
    numbering = numbering_step(steps)
    return (numbering is not None and step.position == numbering.position
            and dossier.result_document_id is not None and not dossier.result_file)


def _locked_step(dossier: Dossier, position: int) -> tuple[DossierStep, list[DossierStep]]:
    steps = list(dossier.steps.select_for_update().order_by("position"))
    step = next((s for s in steps if s.position == position), None)
    if step is None:
        raise DossierError(_("The dossier has no step %(n)s.") % {"n": position},
                           code=DossierErrorCode.NO_STEP)
    if not step.is_current:
        raise DossierConflict(
            _("Step %(n)s “%(name)s” is not the current step any more; reload the page to see what changed.")
            % {"n": position, "name": step.display_name}, code=DossierErrorCode.STEP_NOT_CURRENT,
        )
    return step, steps


def _require_holder(step: DossierStep, user: User) -> None:
    """A step someone has taken is theirs to complete, send back or transfer."""
    require(can_work_step(user, step), _("This step belongs to another agency or role."))
    if not holds_step(user, step):
        raise DossierConflict(_("%(name)s is already handling this step.") % {"name": step.handler},
                              code=DossierErrorCode.STEP_TAKEN)


def _start_processing(dossier: Dossier) -> str:
    from_state = dossier.state
    if dossier.state == Dossier.State.RECEIVED:
        dossier.state = Dossier.State.IN_PROGRESS
        dossier.save(update_fields=["state", "updated_at"])
    return from_state


@transaction.atomic
def step_take(*, dossier: Dossier, position: int, user: User) -> DossierStep:
    """Nhận xử lý: the official takes the current step (others of the agency see who has it)."""
    dossier = lock(dossier)
    guard(dossier.can_process(), dossier)
    step, _steps = _locked_step(dossier, position)
    require(can_work_step(user, step), _("This step belongs to another agency or role."))
    if step.state == DossierStep.State.TAKEN:
        raise DossierConflict(_("%(name)s is already handling this step.") % {"name": step.handler},
                              code=DossierErrorCode.STEP_TAKEN)
    step.state, step.handler, step.started_at = DossierStep.State.TAKEN, user, timezone.now()
    step.save(update_fields=["state", "handler", "started_at"])
    from_state = _start_processing(dossier)
    events.record(dossier, kind=DossierEvent.Kind.STEP_TAKEN, actor=user, from_state=from_state, step=step)
    return step


@transaction.atomic
def step_complete(
    *, dossier: Dossier, position: int, user: User, note: str = "", result: UploadedFile | None = None,
    generate_result: bool = False, signer: KeyHolder | None = None, expected_sha256: str = "",
) -> Dossier:
    """Hoàn thành bước: the next step is to do; at the result step the result is approved (and signed with
    ``signer``, the leader's opened certificate; ``expected_sha256``: the version the leader was shown); at
    the numbering step it is numbered and issued; after the last step the result is ready
    (in_progress → result_ready)."""
    dossier = lock(dossier)
    guard(dossier.can_process(), dossier)
    step, steps = _locked_step(dossier, position)
    _require_holder(step, user)
    now = timezone.now()
    used: dict = {}
    if completing_needs_result(dossier, steps, step):
        used = _approve_result(dossier, steps, user=user, result=result, generate=generate_result, signer=signer,
                               expected_sha256=expected_sha256)
        if numbering_step(steps) is None and not dossier.result_file:  # no clerk's step: numbered now (Art. 15.3)
            used.update(result_number(dossier=dossier, actor=user, automatic=True))
    elif result is not None:
        raise DossierError(_("The result is attached at the approval step."),
                           code=DossierErrorCode.RESULT_NOT_HERE)
    elif completing_numbers_result(dossier, steps, step):
        used = result_number(dossier=dossier, actor=user)
    step.state, step.completed_at, step.note = DossierStep.State.DONE, now, nfc(note).strip()
    step.handler = step.handler or user
    step.started_at = step.started_at or now
    step.save(update_fields=["state", "completed_at", "note", "handler", "started_at"])
    from_state = _start_processing(dossier)
    signed = {"signed_by": dossier.result_signed_by} if signer is not None else {}
    events.record(dossier, kind=DossierEvent.Kind.STEP_COMPLETED, actor=user, from_state=from_state, step=step,
                  note=step.note, data={"late": step.is_late(now), **signed, **used})
    following = [s for s in steps if s.position > step.position]
    if following:
        following[0].state = DossierStep.State.ACTIVE
        following[0].save(update_fields=["state"])
        return dossier
    dossier.state, dossier.result_ready_at = Dossier.State.RESULT_READY, now
    dossier.save(update_fields=["state", "result_ready_at", "updated_at"])
    events.record(dossier, kind=DossierEvent.Kind.RESULT_READY, actor=user, from_state=Dossier.State.IN_PROGRESS,
                  data={"late": dossier.is_late(now)})
    return dossier


def step_complete_with_pin(
    *, dossier: Dossier, position: int, user: User, pin: str = "", note: str = "",
    result: UploadedFile | None = None, generate_result: bool = False, expected_sha256: str = "",
) -> Dossier:
    """step_complete for a caller holding the leader's PIN (the page and the API): the PIN opens the key
    first, in a transaction of its own, so a wrong PIN is counted even though the step is not completed.
    Not atomic itself: call it outside a transaction."""
    signer = signature_services.signer_open(user=user, pin=pin) if pin else None
    return step_complete(dossier=dossier, position=position, user=user, note=note, result=result,
                         generate_result=generate_result, signer=signer, expected_sha256=expected_sha256)


def _approve_result(dossier: Dossier, steps: list[DossierStep], *, user: User, result: UploadedFile | None,
                    generate: bool, signer: KeyHolder | None, expected_sha256: str) -> dict:
    """Approve the result document (signed with ``signer``): a PDF uploaded now, one generated now, or else
    the current draft (as the leader was shown it); returns what the step's event records of it."""
    document = dossier.result_document
    # Signed (or even numbered) at an earlier pass, the step having come back since: nothing to sign again.
    already_signed = document is not None and document.state in (document.State.SIGNED, document.State.ISSUED) \
        and result is None and not generate
    holds = signature_selectors.signing_certificate_for(user) is not None
    if signer is None and not already_signed and (settings.SIGNATURES_RESULT_REQUIRED or holds):
        message = (_("Enter the PIN of your certificate: the result is signed before it is returned.") if holds else
                   _("You hold no valid signing certificate, and the province requires signed results: this step "
                     "cannot be completed until the provincial admin issues you one (Digital signatures)."))
        raise DossierError(message, code=DossierErrorCode.SIGNATURE_REQUIRED,
                           extra={"errors": {"pin": [message]}})
    draft = None if result is not None or generate else (
        ResultDraft.objects.filter(dossier=dossier, is_current=True).first())
    if result is not None:
        checked = check_upload(result, label=_("Result"))
        if checked.content_type != "application/pdf":
            raise DossierError(_("The result must be a PDF file."), code=DossierErrorCode.RESULT_NOT_PDF,
                               extra={"errors": {"result": [_("The result must be a PDF file.")]}})
        result_document_attach(dossier=dossier, steps=steps, actor=user, content=checked.content,
                               name=checked.name, field="result")
        expected_sha256 = ""  # the leader's own file
    elif generate:
        result_document_attach(dossier=dossier, steps=steps, actor=user)
        expected_sha256 = ""
    elif document is None and draft is not None:  # a draft attached before results were documents
        with draft.file.open("rb") as stored:
            result_document_attach(dossier=dossier, steps=steps, actor=user, content=stored.read(),
                                   name=draft.original_name)
    elif document is None:
        raise DossierError(_("Attach the result PDF, or choose to generate it."),
                           code=DossierErrorCode.RESULT_MISSING,
                           extra={"errors": {"result": [_("The result is required at this step.")]}})
    used = result_sign(dossier=dossier, actor=user, signer=signer, expected_sha256=expected_sha256)
    return {**used, **({"draft": draft.pk} if draft is not None else {})}


@transaction.atomic
def step_return(*, dossier: Dossier, position: int, user: User, note: str) -> DossierStep:
    """Trả lại bước trước: the current step goes back to the previous one, with the reason."""
    dossier = lock(dossier)
    guard(dossier.can_process(), dossier)
    step, steps = _locked_step(dossier, position)
    _require_holder(step, user)
    note = required_text(note, field="note", message=_("Say why the step is sent back."))
    previous = [s for s in steps if s.position < step.position]
    if not previous:
        raise DossierError(_("The first step cannot be sent back; ask the applicant for a supplement instead."),
                           code=DossierErrorCode.FIRST_STEP)
    back = previous[-1]
    step.state, step.handler, step.started_at = DossierStep.State.WAITING, None, None
    step.save(update_fields=["state", "handler", "started_at"])
    back.state, back.completed_at, back.handler, back.started_at = DossierStep.State.ACTIVE, None, None, None
    back.save(update_fields=["state", "completed_at", "handler", "started_at"])
    from_state = _start_processing(dossier)
    events.record(dossier, kind=DossierEvent.Kind.STEP_RETURNED, actor=user, from_state=from_state, step=step,
                  note=note, data={"to_position": back.position})
    return back


@transaction.atomic
def step_transfer(*, dossier: Dossier, position: int, user: User, agency: Agency, note: str = "") -> DossierStep:
    """Liên thông: the current step moves to another agency, which then works it in the same role."""
    dossier = lock(dossier)
    guard(dossier.can_process(), dossier)
    step, _steps = _locked_step(dossier, position)
    _require_holder(step, user)
    if agency.pk == step.agency_id:
        raise DossierError(_("Choose another agency than the one holding the step."),
                           code=DossierErrorCode.SAME_AGENCY,
                           extra={"errors": {"agency": [_("Choose another agency.")]}})
    previous = step.agency
    step.agency, step.state, step.handler, step.started_at = agency, DossierStep.State.ACTIVE, None, None
    step.save(update_fields=["agency", "state", "handler", "started_at"])
    from_state = _start_processing(dossier)
    events.record(dossier, kind=DossierEvent.Kind.STEP_TRANSFERRED, actor=user, from_state=from_state, step=step,
                  note=nfc(note).strip(), data={"from_agency": previous.code, "to_agency": agency.code})
    return step


@transaction.atomic
def dossier_extend(*, dossier: Dossier, user: User, new_due_at: datetime.datetime, reason: str) -> Dossier:
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả (form 04): issued before the due date, once per dossier;
    every date still ahead moves by the same working time."""
    dossier = lock(dossier)
    current = dossier.steps.filter(state__in=(DossierStep.State.ACTIVE, DossierStep.State.TAKEN)).first()
    require(can_manage_deadline(user, dossier, current),
            _("Only the agency handling the dossier may extend its deadline."))
    now = timezone.now()
    if dossier.can_process() and dossier.extended:
        raise DossierConflict(_("The deadline of dossier %(code)s was already extended once; the law allows "
                                "a single extension.") % {"code": dossier.code},
                              code=DossierErrorCode.ALREADY_EXTENDED)
    if dossier.can_process() and dossier.due_at and now >= dossier.due_at:
        raise DossierConflict(_("The apology letter must be issued before the due date (%(due)s); it has passed.")
                              % {"due": datetime_text(dossier.due_at)},
                              code=DossierErrorCode.PAST_DUE)
    guard(dossier.can_extend(now), dossier)
    reason = required_text(reason, field="reason", message=_("Say why the dossier is late."))
    if new_due_at <= dossier.due_at:
        raise DossierError(_("The new due date must be after the current one."),
                           code=DossierErrorCode.INVALID,
                           extra={"errors": {"new_due_at": [_("The new due date must be after the current one.")]}})
    old_due, unit = dossier.due_at, dossier.procedure_version.processing_time_unit
    steps = list(dossier.steps.exclude(state=DossierStep.State.DONE))
    for step in steps:
        step.due_at = min(shift_for_pause(step.due_at, paused_at=old_due, resumed_at=new_due_at, unit=unit),
                          new_due_at)
    if steps:
        steps[-1].due_at = new_due_at
    DossierStep.objects.bulk_update(steps, ["due_at"])
    dossier.due_at, dossier.extended = new_due_at, True
    dossier.save(update_fields=["due_at", "extended", "updated_at"])
    events.record(dossier, kind=DossierEvent.Kind.EXTENDED, actor=user, from_state=dossier.state, note=reason,
                  data={"previous_due_at": old_due.isoformat(), "due_at": new_due_at.isoformat()})
    return dossier


@transaction.atomic
def dossier_stop(*, dossier: Dossier, user: User, reason: str) -> Dossier:
    """Thông báo dừng giải quyết (form 05): processing ends without a result, with the reason."""
    dossier = lock(dossier)
    current = dossier.steps.filter(state__in=(DossierStep.State.ACTIVE, DossierStep.State.TAKEN)).first()
    require(can_manage_deadline(user, dossier, current), _("Only the agency handling the dossier may stop it."))
    guard(dossier.can_stop(), dossier)
    reason = required_text(reason, field="reason", message=_("Say why processing is stopped."))
    from_state = dossier.state
    dossier.state, dossier.closed_at = Dossier.State.STOPPED, timezone.now()
    dossier.save(update_fields=["state", "closed_at", "updated_at"])
    events.record(dossier, kind=DossierEvent.Kind.STOPPED, actor=user, from_state=from_state, note=reason)
    return dossier
