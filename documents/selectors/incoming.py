"""Reads of the incoming flow."""

from __future__ import annotations

from django.db.models import F, OuterRef, QuerySet, Subquery

from accounts.models import User
from documents import permissions
from documents.models import Assignment, Document


def worklists_for(user: User) -> list:
    """The incoming worklists the user has (documents.selectors.pages.Queue), in the order of the flow."""
    return []


def handler_worklist(user: User) -> QuerySet[Document]:
    """The documents ``user`` is handling: those of their open assignments (phiếu giải quyết), the soonest
    deadline first (``my_deadline``; none last). Driven by the index on Assignment (user, state,
    deadline), so its cost does not grow with the agency's history.

    A minimal version written for the benchmark (issue 12 §7); the incoming flow owns the worklists."""
    mine = Assignment.objects.filter(user=user, state=Assignment.State.OPEN)
    deadline = mine.filter(document=OuterRef("pk")).order_by(F("deadline").asc(nulls_last=True)).values("deadline")
    documents = Document.objects.filter(pk__in=mine.values("document_id")).select_related("document_type")
    return (permissions.visible_to(user, documents).annotate(my_deadline=Subquery(deadline[:1]))
            .order_by(F("my_deadline").asc(nulls_last=True), "arrival_at", "id"))
