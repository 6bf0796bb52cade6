"""The outgoing flow (văn bản đi, Decree 30/2020 art. 14–18): draft → review → sign → number → issue, and
recall, replacement, correction. One module per stage; every function locks the document and checks who may
act under the lock."""

from documents.services.outgoing.drafting import (
    RecipientSpec,
    outgoing_create,
    outgoing_revise,
    outgoing_submit,
)
from documents.services.outgoing.issuing import (
    outgoing_issue,
    outgoing_number,
    outgoing_number_and_issue,
    outgoing_sign,
    outgoing_sign_with_pin,
    registers_for,
)
from documents.services.outgoing.recall import outgoing_recall
from documents.services.outgoing.review import outgoing_approve, outgoing_send_back

__all__ = [
    "RecipientSpec", "outgoing_approve", "outgoing_create", "outgoing_issue", "outgoing_number",
    "outgoing_number_and_issue", "outgoing_recall", "outgoing_revise", "outgoing_send_back", "outgoing_sign",
    "outgoing_sign_with_pin", "outgoing_submit", "registers_for",
]
