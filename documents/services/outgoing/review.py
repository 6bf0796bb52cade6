"""Review and send-back (Art. 14): the head of the drafting unit approves a draft for the leader's signature
or sends it back with comments; the signing leader may send it back too. A sent-back draft is revised by its
drafter (a new version) and sent on again."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from documents import events
from documents.models import Document, DocumentEvent
from documents.services.outgoing import notify
from documents.services.outgoing.common import S, guard, lock, require, required_text, reviews, signs


@transaction.atomic
def outgoing_approve(*, document: Document, actor: User, note: str = "") -> Document:
    """The head of the drafting unit approves the draft: it goes to the leader to sign."""
    document = lock(document)
    guard(document.state == S.IN_REVIEW, document)
    require(reviews(actor, document), _("Only the head of the drafting unit reviews this draft."))
    document.state = S.TO_SIGN
    document.save(update_fields=["state", "updated_at"])
    events.record(document, kind=DocumentEvent.Kind.APPROVED, actor=actor, from_state=S.IN_REVIEW,
                  note=" ".join((note or "").split())[:2000])
    notify.after_commit(document, "to_sign")
    return document


@transaction.atomic
def outgoing_send_back(*, document: Document, actor: User, note: str) -> Document:
    """Trả lại: the reviewing head, or the signing leader, sends the draft back to its drafter with what to
    change."""
    document = lock(document)
    guard(document.state in (S.IN_REVIEW, S.TO_SIGN), document)
    if document.state == S.IN_REVIEW:
        require(reviews(actor, document), _("Only the head of the drafting unit reviews this draft."))
    else:
        require(signs(actor, document), _("Only the leader who signs this document may send it back now."))
    note = required_text(note, field="note", message=_("Say what is to be changed."))
    previous = document.state
    document.state = S.SENT_BACK
    document.save(update_fields=["state", "updated_at"])
    events.record(document, kind=DocumentEvent.Kind.SENT_BACK, actor=actor, from_state=previous, note=note)
    notify.after_commit(document, "sent_back")
    return document
