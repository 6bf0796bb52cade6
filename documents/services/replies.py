"""An incoming document answered by an outgoing one (Art. 24; Appendix IV: "số, ký hiệu văn bản trả lời"):
the outgoing flow calls ``reply_issued`` when a document with ``reply_to`` is issued; the incoming flow
closes the answered document's handling."""

from __future__ import annotations

from documents.models import Document


def reply_issued(outgoing: Document, *, actor) -> None:
    """``outgoing`` (issued, with ``reply_to`` set) answers its incoming document. Call inside the issuing
    transaction. The incoming flow fills this in."""
