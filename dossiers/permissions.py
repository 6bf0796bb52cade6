"""Who may do what to a dossier (DESIGN.md §2). Services enforce these under the row lock; the registry
of actions (dossiers.actions) combines them with the dossier's guards to say which actions to offer."""

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
