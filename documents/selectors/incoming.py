"""Reads of the incoming flow: the worklists of the clerk (to register, registered today), the leader (to
direct), the unit head (to assign within the unit) and the handler (my assignments). Every list puts urgent
documents first (hỏa tốc, thượng khẩn, khẩn: art. 4.2.c, 23.1), then the soonest due, and is one query per
page whatever the number of documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from documents import permissions
from documents.models import Assignment, Document, DocumentEvent, UnitMembership
from documents.selectors.pages import Queue

State = Document.State
WORKED = (State.DIRECTED, State.IN_PROGRESS)
OPEN = Assignment.State.OPEN


@dataclass(frozen=True)
class IncomingQueue:
    key: str
    label: Promise
    intro: Promise
    deadline_label: Promise


QUEUES: dict[str, IncomingQueue] = {queue.key: queue for queue in (
    IncomingQueue("to_register", _("To register"), _("Arrivals waiting for their incoming number: check each, "
                  "then register it or return it to its sender."), _("Reply due")),
    IncomingQueue("registered_today", _("Registered today"), _("Documents registered today, to present to the "
                  "leader."), _("Reply due")),
    IncomingQueue("to_direct", _("To direct"), _("Registered documents waiting for your direction (phiếu giải "
                  "quyết)."), _("Reply due")),
    IncomingQueue("to_assign", _("To assign within my unit"), _("Documents given to your unit: give each to one "
                  "of its officials."), _("Unit's deadline")),
    IncomingQueue("mine", _("My assignments"), _("Documents you handle, lead, co-operate on or read for "
                  "information."), _("My deadline")),
)}


def queues_of(user: User) -> list[str]:
    """The incoming worklists ``user`` has, in the order of the flow."""
    if not (user.is_authenticated and permissions.is_agency_official(user, user.agency_id)):
        return []
    keys = []
    if user.role == User.Role.CLERK:
        keys += ["to_register", "registered_today"]
    if user.role == User.Role.LEADER:
        keys.append("to_direct")
    if UnitMembership.objects.filter(user=user, is_head=True, unit__agency_id=user.agency_id).exists():
        keys.append("to_assign")
    if user.role != User.Role.LEADER:
        keys.append("mine")
    return keys


def _today_start(now: dt.datetime | None = None) -> dt.datetime:
    return timezone.localtime(now or timezone.now()).replace(hour=0, minute=0, second=0, microsecond=0)


def queue_documents(user: User, key: str, *, now: dt.datetime | None = None) -> QuerySet[Document]:
    """The documents of one worklist, each with its ``deadline`` (the one that matters in that list), urgent
    first, then the soonest due."""
    documents = permissions.visible_to(user, Document.objects.filter(direction=Document.Direction.INCOMING))
    if key == "to_register":
        documents = documents.filter(state=State.ARRIVED).annotate(deadline=F("due_date"))
        order = ["-urgency", "arrival_at", "id"]
    elif key == "registered_today":
        registered = DocumentEvent.objects.filter(document=OuterRef("pk"), kind=DocumentEvent.Kind.REGISTERED,
                                                  at__gte=_today_start(now))
        documents = documents.filter(Exists(registered), arrival_number__isnull=False).annotate(
            deadline=F("due_date"))
        order = ["-urgency", "-arrival_number", "-id"]
    elif key == "to_direct":
        documents = documents.filter(state=State.REGISTERED).annotate(deadline=F("due_date"))
        order = ["-urgency", F("deadline").asc(nulls_last=True), "arrival_at", "id"]
    elif key == "to_assign":
        heads = UnitMembership.objects.filter(user=user, is_head=True).values("unit_id")
        # Driven by the assignments (their index), not by the agency's documents: constant at any size.
        waiting = Assignment.objects.filter(state=OPEN, user__isnull=True, parent__isnull=True,
                                            unit_id__in=heads).exclude(
            Exists(Assignment.objects.filter(parent=OuterRef("pk"), state=OPEN)))
        deadline = (waiting.filter(document=OuterRef("pk")).order_by().values("document")
                    .annotate(first=Min("deadline")).values("first"))
        documents = documents.filter(state__in=WORKED, pk__in=waiting.values("document_id")).annotate(
            deadline=Subquery(deadline))
        order = ["-urgency", F("deadline").asc(nulls_last=True), "arrival_at", "id"]
    elif key == "mine":
        mine = Assignment.objects.filter(state=OPEN, user=user)
        first = mine.filter(document=OuterRef("pk")).order_by(F("deadline").asc(nulls_last=True), "id")
        documents = documents.filter(state__in=WORKED, pk__in=mine.values("document_id")).annotate(
            deadline=Subquery(first.values("deadline")[:1]), my_role=Subquery(first.values("role")[:1]))
        order = ["-urgency", F("deadline").asc(nulls_last=True), "arrival_at", "id"]
    else:
        return Document.objects.none()
    return documents.select_related("document_type", "register").order_by(*order)


def worklists_for(user: User) -> list[Queue]:
    """The incoming worklists the user has (documents.selectors.pages.Queue), in the order of the flow, with
    how many documents wait in each."""
    url = reverse("documents:incoming")
    return [Queue(key=f"incoming:{key}", label=str(QUEUES[key].label), url=f"{url}?queue={key}",
                  count=queue_documents(user, key).count()) for key in queues_of(user)]


def counts_due(documents: QuerySet[Document], *, today: dt.date, limit: dt.date) -> dict[str, int]:
    """How many of a worklist's documents are overdue and due soon (one query)."""
    return documents.order_by().aggregate(
        late=Count("pk", filter=Q(deadline__lt=today)),
        soon=Count("pk", filter=Q(deadline__gte=today, deadline__lte=limit)))


def handler_worklist(user: User) -> QuerySet[Document]:
    """The documents ``user`` is handling (their open assignments): the "mine" worklist, by the name the
    benchmark measures it under (bench/documents.py, issue 12 §7)."""
    return queue_documents(user, "mine")
