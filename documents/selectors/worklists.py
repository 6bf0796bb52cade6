"""The worklists of the documents' home, each flow's in its order: outgoing (drafts, to review, to sign, to
number and issue) then incoming (to register, to direct, to assign, to handle)."""

from __future__ import annotations

from accounts.models import User


def worklists_for(user: User) -> list:
    from documents.selectors import incoming, outgoing

    return [*outgoing.worklists_for(user), *incoming.worklists_for(user)]
