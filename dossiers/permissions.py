"""Who may do what to a dossier (DESIGN.md §2). Services enforce these under the row lock; pages and
the API ask the same functions which actions to offer."""

from __future__ import annotations

from accounts.models import User
from dossiers.models import Dossier, DossierStep


def is_applicant(user: User, dossier: Dossier) -> bool:
    return user.is_authenticated and not user.is_official and dossier.applicant_id == user.pk


def is_centre_officer(user: User, dossier: Dossier) -> bool:
    """A one-stop officer of the receiving centre: receives, checks, returns."""
    return user.is_authenticated and user.role == User.Role.OFFICER and user.centre_id == dossier.centre_id


def can_work_step(user: User, step: DossierStep) -> bool:
    """An official of the step's agency in the step's role."""
    return user.is_authenticated and user.agency_id == step.agency_id and user.role == step.responsible_role


def can_manage_deadline(user: User, dossier: Dossier, current: DossierStep | None) -> bool:
    """Extension letters and stop notices come from the agency handling the dossier: its officials of
    the current step's agency, or the receiving centre's officers."""
    if is_centre_officer(user, dossier):
        return True
    return bool(current and user.is_authenticated and user.is_official and user.agency_id == current.agency_id
                and user.role in (User.Role.LEADER, User.Role.SPECIALIST, User.Role.OFFICER))


def holds_step(user: User, step: DossierStep) -> bool:
    """May work the step now: its agency and role, and nobody else has taken it."""
    return can_work_step(user, step) and (step.state != DossierStep.State.TAKEN or step.handler_id == user.pk)


# Every action, in the order clients list them.
ACTIONS = ("draft", "submit", "receive", "refuse", "request_supplement", "supplement", "extend", "stop",
           "withdraw", "return", "rate", "take", "complete", "send_back", "transfer")
STEP_ACTIONS = ("take", "complete", "send_back", "transfer")


def allowed_actions(user: User, dossier: Dossier) -> list[str]:
    """What this user may do to the dossier now, from the guards and the rules above: the same ones the
    services check again under the row lock. Uses the dossier's (prefetched) steps and rating."""
    applicant, centre = is_applicant(user, dossier), is_centre_officer(user, dossier)
    steps = sorted(dossier.steps.all(), key=lambda s: s.position)
    current = next((s for s in steps if s.is_current), None)
    works = bool(current and can_work_step(user, current))
    holds = bool(current and dossier.can_process() and holds_step(user, current))
    deadline = can_manage_deadline(user, dossier, current)
    allowed = {
        "draft": applicant and dossier.can_edit_draft(),
        "submit": applicant and dossier.can_edit_draft(),
        "receive": centre and dossier.can_receive(),
        "refuse": centre and dossier.can_refuse(),
        "request_supplement": (centre or works) and dossier.can_request_supplement(),
        "supplement": (applicant or centre) and dossier.can_answer_supplement(),
        "extend": deadline and dossier.can_extend(),
        "stop": deadline and dossier.can_stop(),
        "withdraw": applicant and dossier.can_withdraw(),
        "return": (applicant or centre) and dossier.can_return(),
        "rate": applicant and dossier.can_rate() and not hasattr(dossier, "rating"),
        "take": holds and current.state == DossierStep.State.ACTIVE,
        "complete": holds,
        "send_back": holds and current.position > steps[0].position,
        "transfer": holds,
    }
    return [name for name in ACTIONS if allowed[name]]
