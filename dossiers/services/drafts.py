"""Dự thảo kết quả: the specialist at the drafting step (or the leader at the approval step) attaches the
draft result — a PDF they wrote, or one generated from the procedure's template — for the leader to review
before signing. Each draft is a new version of the dossier's result document (dossiers.services.results),
exactly as the leader will sign it: the reserved fields of its number, date and signatures empty. A new
draft replaces the current one; the earlier ones stay as history. Completing the result step with a draft
present signs that draft (dossiers.services.processing)."""

from __future__ import annotations

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from dossiers import events
from dossiers.errors import DossierError, DossierErrorCode
from dossiers.models import Dossier, DossierEvent, DossierStep, ResultDraft
from dossiers.services._common import guard, lock
from dossiers.services.processing import _locked_step, _require_holder, _start_processing, may_draft_result
from dossiers.services.results import result_document_attach
from dossiers.uploads import check_upload
from portal.text import nfc


@transaction.atomic
def result_draft_attach(*, dossier: Dossier, position: int, user: User, draft: UploadedFile | None = None,
                        generate: bool = False, note: str = "") -> ResultDraft:
    """Attach (or generate) the draft result at the current step ``position``; the holder of the step takes
    it if nobody had."""
    dossier = lock(dossier)
    guard(dossier.can_process(), dossier)
    step, steps = _locked_step(dossier, position)
    _require_holder(step, user)
    if not may_draft_result(steps, step):
        raise DossierError(_("The draft result is attached at the step that drafts it, or at the approval step."),
                           code=DossierErrorCode.DRAFT_NOT_HERE)
    if draft is not None:
        checked = check_upload(draft, label=_("Draft result"))
        if checked.content_type != "application/pdf":
            message = _("The draft result must be a PDF file.")
            raise DossierError(message, code=DossierErrorCode.RESULT_NOT_PDF, extra={"errors": {"draft": [message]}})
    elif not generate:
        message = _("Attach the draft result (PDF), or choose to generate it from the procedure's template.")
        raise DossierError(message, code=DossierErrorCode.DRAFT_MISSING, extra={"errors": {"draft": [message]}})
    from_state = _start_processing(dossier)
    if step.state == DossierStep.State.ACTIVE:  # attaching the draft is working the step: the holder takes it
        step.state, step.handler, step.started_at = DossierStep.State.TAKEN, user, timezone.now()
        step.save(update_fields=["state", "handler", "started_at"])
        events.record(dossier, kind=DossierEvent.Kind.STEP_TAKEN, actor=user, from_state=from_state, step=step)
    document, content, name = result_document_attach(
        dossier=dossier, steps=steps, actor=user, content=checked.content if draft is not None else None,
        name=checked.name if draft is not None else "", note=note)
    if draft is None:
        name = f"du-thao-ket-qua-{dossier.code}.pdf"
    ResultDraft.objects.filter(dossier=dossier, is_current=True).update(is_current=False)
    row = ResultDraft(dossier=dossier, step=step, original_name=name, size=len(content),
                      sha256=hashlib.sha256(content).hexdigest(), generated=draft is None, note=nfc(note).strip(),
                      created_by=user)
    row.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(content), save=False)
    row.save()
    events.record(dossier, kind=DossierEvent.Kind.RESULT_DRAFTED, actor=user, from_state=from_state, step=step,
                  note=row.note, data={"draft": row.pk, "name": name, "generated": row.generated,
                                       "sha256": row.sha256, "document": str(document.uuid)})
    return row
