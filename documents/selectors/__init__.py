"""Reads of documents, one module per concern; every one filters through documents.permissions."""

from documents.selectors.pages import detail_context, queues_for

__all__ = ["detail_context", "queues_for"]
