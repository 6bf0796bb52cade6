"""The commands a user may send to a dossier now (dossiers.permissions.allowed_actions), named as the
API's command URLs, so a client offers exactly what will be accepted."""

from __future__ import annotations

from accounts.models import User
from dossiers.models import Dossier
from dossiers.permissions import STEP_ACTIONS, allowed_actions
from dossiers.selectors import current_step

_STEP_PATHS = {"take": "take", "complete": "complete", "send_back": "return", "transfer": "transfer"}


def available_actions(user: User, dossier: Dossier) -> list[str]:
    actions = allowed_actions(user, dossier)
    step = current_step(dossier)
    return [f"steps/{step.position}/{_STEP_PATHS[name]}" if name in STEP_ACTIONS else name.replace("_", "-")
            for name in actions]
