"""Thu hồi (Art. 18.4.b; Appendix VI III.8): the leader or the clerk recalls an issued document with the
reason. The sender's copy and its metadata are frozen (state recalled: nothing more happens to it); each
recipient in the portal has its copy withdrawn — recalled, its files deleted from storage, its metadata and
the recall kept in its trail — and the sender sees "recalled" on that recipient; organisations outside get
the recall over the exchange. Replacement and correction (Art. 18.3) are new drafts (drafting.py) that
point at the document they replace or correct."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from documents import events, exchange, permissions
from documents.models import Document, DocumentEvent, Recipient
from documents.services import delivery
from documents.services.outgoing import notify
from documents.services.outgoing.common import S, guard, lock, require, required_text


def may_recall(user: User, document: Document) -> bool:
    return permissions.is_leader(user, document.agency_id) or permissions.is_clerk(user, document.agency_id)


@transaction.atomic
def outgoing_recall(*, document: Document, actor: User, reason: str, now: dt.datetime | None = None) -> Document:
    now = now or timezone.now()
    document = lock(document)
    guard(document.state == S.ISSUED, document)
    require(may_recall(actor, document), _("Only a leader or a clerk (văn thư) of the agency recalls its documents."))
    reason = required_text(reason, field="reason", message=_("Say why the document is recalled."))
    document.state, document.recalled_at = S.RECALLED, now
    document.save(update_fields=["state", "recalled_at", "updated_at"])
    events.record(document, kind=DocumentEvent.Kind.RECALLED, actor=actor, from_state=S.ISSUED, note=reason)
    outside = []
    for recipient in document.recipients.select_related("agency", "unit"):
        if not recipient.is_internal:
            outside.append(recipient)
            delivery.recipient_status_set(recipient, status=Recipient.Status.RECALLED, note=reason, actor=actor,
                                          now=now)
            continue
        copy = Document.objects.select_for_update().filter(delivery=recipient).first()
        if copy is not None:
            delivery.copy_withdraw(copy, actor=actor, reason=reason, now=now)
        delivery.recipient_status_set(recipient, status=Recipient.Status.RECALLED, note=reason, actor=actor, now=now)
    exchange.recall_enqueue(document, outside, reason=reason)
    notify.after_commit(document, "recalled")
    return document
