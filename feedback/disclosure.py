"""What each audience may read of a petition, decided once (STYLE.md), for the API and the pages alike:

- officials (the agencies it concerns, the hotline desk, admins) read everything, its whole history with who
  acted, the internal notes and whether each national deadline was met;
- the petitioner (their account, or whoever proved with the code and the phone number that it is theirs)
  reads what they sent and what the agency wrote *to them* — the reason for not accepting it, the information
  asked for, the answer once approved — and a history without the agency's inner steps (assignment, the draft
  answer and its return, escalation) or its internal notes;
- anyone else, holding only the code, reads its progress: state, agency, dates and deadline, and the masked
  texts once published; never the person's data nor the texts they wrote.
"""

from __future__ import annotations

from accounts.models import User
from feedback.models import Petition, PetitionEvent
from feedback.selectors import PUBLIC_EVENTS

Kind = PetitionEvent.Kind

# The history the petitioner sees: the steps anyone with the code sees (the tracking page's), and of them the
# notes written to them (or by them).
PETITIONER_EVENTS = frozenset(PUBLIC_EVENTS)
PETITIONER_NOTES = frozenset({Kind.REFUSED, Kind.INFO_REQUESTED, Kind.INFO_SUPPLIED, Kind.RATED, Kind.REOPENED})


def reads_all(user: User | None) -> bool:
    """An official (of any role, the hotline desk and admins included) who may see the petition reads all of it;
    ``Petition.objects.visible_to`` decides whether they may see it at all."""
    return bool(user is not None and user.is_authenticated and user.is_official)


def petitioner_history(events) -> list[PetitionEvent]:
    return [event for event in events if event.kind in PETITIONER_EVENTS]


def petitioner_note(event: PetitionEvent) -> str:
    return event.note if event.kind in PETITIONER_NOTES else ""


def petitioner_answer(petition: Petition) -> str:
    """The answer, once the leader approved it (a draft awaiting approval is the agency's)."""
    return petition.answer if petition.state in Petition.ANSWERED_STATES else ""


def public_texts(petition: Petition) -> dict[str, str]:
    """The masked subject, content and answer, fixed at publication; empty before."""
    if petition.state != Petition.State.PUBLISHED:
        return {"public_title": "", "public_content": "", "public_answer": ""}
    return {"public_title": petition.public_title, "public_content": petition.public_content,
            "public_answer": petition.public_answer}
