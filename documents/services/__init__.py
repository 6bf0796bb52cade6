"""Writes to documents, one module per flow: numbering, outgoing (draft → issue), incoming (arrival →
done), delivery between agencies in the portal, work files."""

from documents.services.numbering import notation, register_number_next

__all__ = ["notation", "register_number_next"]
