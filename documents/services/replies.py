"""An incoming document answered by an outgoing one (Art. 24; Appendix IV: "số, ký hiệu văn bản trả lời"):
the outgoing flow calls ``reply_issued`` when a document with ``reply_to`` is issued; the incoming flow
closes the answered document's handling."""

from __future__ import annotations

from documents.models import Document
from documents.services.handling import incoming_answered


def reply_issued(outgoing: Document, *, actor) -> None:
    """``outgoing`` (issued, with ``reply_to`` set) answers its incoming document: the lead's part and the
    document are done, the trail records the answer with its number, the sender of the incoming document sees
    "done". Call inside the issuing transaction."""
    if outgoing.reply_to_id is None:
        return
    incoming_answered(incoming=outgoing.reply_to, outgoing=outgoing, actor=actor)
