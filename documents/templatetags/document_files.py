"""Pieces of a document's page that belong to the work files and the access history: the "put in a work
file" box (the open files the user keeps, and the files already holding the document) and the collapsed
access history the agency's clerk and leaders see (Appendix VI: who viewed or downloaded it, when)."""

from __future__ import annotations

from django import template

from documents import permissions
from documents.models import Document, DocumentEvent
from documents.selectors.workfiles import files_holding, files_to_file_into

register = template.Library()

ACCESS_HISTORY_SHOWN = 100
FILES_OFFERED = 50


@register.inclusion_tag("documents/includes/file_it.html", takes_context=True)
def file_it(context, document: Document) -> dict:
    user = context["request"].user
    return {"document": document, "csrf_token": context.get("csrf_token"),
            "files": list(files_to_file_into(user, document)[:FILES_OFFERED]),
            "holding": list(files_holding(user, document))}


@register.inclusion_tag("documents/includes/access_history.html", takes_context=True)
def access_history(context, document: Document) -> dict:
    user = context["request"].user
    if not (permissions.is_agency_official(user, document.agency_id) and user.role in permissions.AGENCY_WIDE):
        return {"shown": False}
    accesses = document.events.filter(kind__in=(DocumentEvent.Kind.VIEWED, DocumentEvent.Kind.DOWNLOADED))
    return {"shown": True, "total": accesses.count(),
            "accesses": list(accesses.select_related("actor").order_by("-at", "-id")[:ACCESS_HISTORY_SHOWN])}
