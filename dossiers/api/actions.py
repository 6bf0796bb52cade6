"""The commands a user may send to a dossier now, from the same guards (models) and permissions the
services check, so a client offers exactly what will be accepted (state, role, centre and agency)."""

from __future__ import annotations

from accounts.models import User
from dossiers.models import Dossier, DossierStep, Rating
from dossiers.permissions import can_manage_deadline, can_work_step, is_applicant, is_centre_officer
from dossiers.selectors import current_step


def available_actions(user: User, dossier: Dossier) -> list[str]:
    applicant, centre = is_applicant(user, dossier), is_centre_officer(user, dossier)
    step = current_step(dossier)
    works_step = bool(step and can_work_step(user, step))
    offered = {
        "draft": applicant and dossier.can_edit_draft(),
        "submit": applicant and dossier.can_edit_draft(),
        "receive": centre and dossier.can_receive(),
        "refuse": centre and dossier.can_refuse(),
        "request-supplement": (centre or works_step) and dossier.can_request_supplement(),
        "supplement": (applicant or centre) and dossier.can_answer_supplement(),
        "extend": can_manage_deadline(user, dossier, step) and dossier.can_extend(),
        "stop": can_manage_deadline(user, dossier, step) and dossier.can_stop(),
        "withdraw": applicant and dossier.can_withdraw(),
        "return": (applicant or centre) and dossier.can_return(),
        "rate": applicant and dossier.can_rate() and not _rated(dossier),
    }
    actions = [name for name, allowed in offered.items() if allowed]
    if works_step and dossier.can_process():
        first = step.position == min(s.position for s in dossier.steps.all())
        if step.state == DossierStep.State.ACTIVE:
            actions.append(f"steps/{step.position}/take")
        actions.append(f"steps/{step.position}/complete")
        if not first:
            actions.append(f"steps/{step.position}/return")
        actions.append(f"steps/{step.position}/transfer")
    return actions


def _rated(dossier: Dossier) -> bool:
    try:
        return dossier.rating is not None
    except Rating.DoesNotExist:
        return False
