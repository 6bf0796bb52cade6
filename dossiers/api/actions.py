"""The commands a user may send to a dossier now (dossiers.actions), named as the API's command URLs, so a
client offers exactly what will be accepted."""

from __future__ import annotations

from accounts.models import User
from dossiers import actions
from dossiers.models import Dossier


def available_actions(user: User, dossier: Dossier) -> list[str]:
    return actions.public_names(user, dossier)
