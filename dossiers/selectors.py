"""Reads of dossiers that several pages and the API share. Visibility always comes from
``Dossier.objects.visible_to(user)``; lists load their relations in a fixed number of queries."""

from __future__ import annotations

import datetime
import functools
import operator
import re
import uuid as uuid_module
from dataclasses import dataclass

from django.core.paginator import Page
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from accounts.cccd import normalize_cccd
from accounts.models import User
from dossiers.errors import DossierErrorCode, DossierNotFound
from dossiers.models import (
    Dossier,
    DossierEvent,
    DossierFile,
    DossierStep,
    ResultDelivery,
    dossier_is_late,
    step_is_late,
)
from portal.models import localized
from portal.pagination import page_with_total
from portal.prepared import prepared_raw
from portal.text import fold, nfc, search_words
from units.models import ServiceCentre

_LIST_RELATIONS = ("procedure_version__procedure", "centre")


def _not_found() -> DossierNotFound:
    return DossierNotFound(_("There is no such dossier, or it is not yours to see."),
                           code=DossierErrorCode.NOT_FOUND)


def dossier_get_for(*, user: User, uuid) -> Dossier:
    """One dossier the user may see, with what its page shows. Raises DossierNotFound (also for one that
    exists but is not theirs: the same answer, so nobody can probe for dossiers)."""
    try:
        key = uuid if isinstance(uuid, uuid_module.UUID) else uuid_module.UUID(str(uuid))
    except ValueError:
        raise _not_found() from None
    steps = DossierStep.objects.select_related("agency", "handler").order_by("position")
    files = DossierFile.objects.filter(is_current=True).select_related("component")
    events = DossierEvent.objects.select_related("actor", "step").order_by("at", "id")
    dossier = (
        Dossier.objects.visible_to(user)
        .select_related("procedure_version__procedure", "procedure_version__agency__unit", "centre__agency",
                        "centre__unit", "received_by", "applicant", "rating", "result_document__document_type")
        .prefetch_related(Prefetch("steps", queryset=steps), Prefetch("files", queryset=files),
                          Prefetch("events", queryset=events), "procedure_version__components",
                          Prefetch("deliveries", queryset=ResultDelivery.objects.select_related("by")),
                          "procedure_version__form_fields")
        .filter(uuid=key).first()
    )
    if dossier is None:
        raise _not_found()
    return dossier


def current_step(dossier: Dossier) -> DossierStep | None:
    """The step being worked on (from the prefetched steps when there are)."""
    return next((s for s in dossier.steps.all() if s.is_current), None)


def dossier_list_for_citizen(*, user: User) -> QuerySet[Dossier]:
    """The citizen's own dossiers, drafts first, then newest."""
    received_online = ResultDelivery.objects.filter(dossier=OuterRef("pk"), kind=ResultDelivery.Kind.ELECTRONIC)
    return (Dossier.objects.visible_to(user).select_related(*_LIST_RELATIONS)
            .annotate(received_online=Exists(received_online)).order_by("-updated_at", "-id"))


@dataclass(frozen=True)
class DossierFilters:
    """What officers narrow a list by; empty values are ignored."""

    query: str = ""  # code, applicant name (diacritics and i/y spelling ignored) or CCCD
    state: str = ""
    procedure: str = ""  # procedure code
    received_from: datetime.date | None = None
    received_to: datetime.date | None = None
    due: str = ""  # "overdue" or "soon"


def dossier_filter(dossiers: QuerySet[Dossier], filters: DossierFilters, *, now=None) -> QuerySet[Dossier]:
    query = (filters.query or "").strip()
    if query:
        digits = normalize_cccd(query)
        # Codes are upper case; a plain prefix LIKE can use the code's pattern index (migration 0002).
        condition = Q(code__startswith=query.upper())
        if digits.isdigit() and len(digits) == 12:
            condition |= Q(applicant_cccd=digits)
        words = search_words(query)
        if words:
            # Every word, in either spelling (search_name is stored with search_fold: "li" finds "Lý").
            name = Q()
            for word in words:
                name &= Q(*(Q(search_name__contains=form) for form in word.forms), _connector=Q.OR)
            condition |= name
        dossiers = dossiers.filter(condition)
    if filters.state:
        dossiers = dossiers.filter(state=filters.state)
    if filters.procedure:
        dossiers = dossiers.filter(procedure_version__procedure__code=filters.procedure.strip())
    if filters.received_from:
        dossiers = dossiers.filter(received_at__date__gte=filters.received_from)
    if filters.received_to:
        dossiers = dossiers.filter(received_at__date__lte=filters.received_to)
    now = now or timezone.now()
    if filters.due == "overdue":
        dossiers = dossiers.filter(state__in=Dossier.PROCESSING_STATES, due_at__lt=now)
    elif filters.due == "soon":
        dossiers = dossiers.filter(state__in=Dossier.PROCESSING_STATES, due_at__gte=now,
                                   due_at__lte=due_soon_limit(now))
    return dossiers


def due_soon_limit(now: datetime.datetime) -> datetime.datetime:
    """Due "soon" means due by this instant (inclusive): the closing time of the next working day."""
    from portal.timeunits import TimeUnit
    from units.calendar import add_working_time

    return add_working_time(now, 1, TimeUnit.WORKING_DAYS)


def dossier_list_for_official(*, user: User, filters: DossierFilters | None = None) -> QuerySet[Dossier]:
    """Every dossier the official may see, narrowed by the filters, soonest due first."""
    dossiers = Dossier.objects.visible_to(user).select_related(*_LIST_RELATIONS)
    return dossier_filter(dossiers, filters or DossierFilters()).order_by("due_at", "-submitted_at", "-id")


def centre_queue(*, officer: User) -> QuerySet[Dossier]:
    """The centre's dossiers awaiting the one-stop check (online submissions and walk-ins), oldest first."""
    return (Dossier.objects.filter(centre_id=officer.centre_id, state=Dossier.State.SUBMITTED)
            .select_related(*_LIST_RELATIONS).order_by("submitted_at", "id"))


class DeskQueue(models.TextChoices):
    """The one-stop desk's queues (bàn một cửa)."""

    CHECK = "check", gettext_lazy("Awaiting check")
    SUPPLEMENTED = "supplemented", gettext_lazy("Back from supplement")
    RESULT = "result", gettext_lazy("Result to return")
    MINE = "mine", pgettext_lazy("desk queue", "Mine")


# States in which a dossier is still someone's work at the desk ("mine"): open, or its result to hand over.
_DESK_STATES = (*Dossier.OPEN_STATES, Dossier.State.RESULT_READY)


def _supplemented() -> Exists:
    return Exists(DossierEvent.objects.filter(dossier=OuterRef("pk"), kind=DossierEvent.Kind.SUPPLEMENTED))


def _queue_condition(user: User, queue: str) -> Q:
    """Which dossiers a queue holds (for the list and for its count alike)."""
    centre = Q(centre_id=user.centre_id)  # None for an official of no centre: matches nothing
    awaiting = centre & Q(state=Dossier.State.SUBMITTED)
    if queue == DeskQueue.CHECK:
        return awaiting & ~_supplemented()
    if queue == DeskQueue.SUPPLEMENTED:
        return awaiting & _supplemented()
    if queue == DeskQueue.RESULT:
        return centre & Q(state=Dossier.State.RESULT_READY)
    handling = Exists(DossierStep.objects.filter(dossier=OuterRef("pk"), handler_id=user.pk,
                                                 state=DossierStep.State.TAKEN))
    filed = Q(created_by_id=user.pk, state__in=(Dossier.State.SUBMITTED, Dossier.State.SUPPLEMENT_REQUESTED))
    return Q(state__in=_DESK_STATES) & (Q(received_by_id=user.pk) | filed | handling)


def desk_queue(*, user: User, queue: str, filters: DossierFilters | None = None) -> QuerySet[Dossier]:
    """One queue of the desk, narrowed by the filters (the search box), with ``supplemented_at`` (when the
    applicant last answered a supplement request, or None): those awaiting the check, oldest first; those
    with a result, the longest waiting first; mine, soonest due first."""
    last_answer = (DossierEvent.objects.filter(dossier=OuterRef("pk"), kind=DossierEvent.Kind.SUPPLEMENTED)
                   .order_by("-at").values("at")[:1])
    dossiers = (Dossier.objects.visible_to(user).filter(_queue_condition(user, queue))
                .select_related(*_LIST_RELATIONS).annotate(supplemented_at=Subquery(last_answer)))
    dossiers = dossier_filter(dossiers, filters or DossierFilters())
    if queue == DeskQueue.SUPPLEMENTED:
        return dossiers.order_by("supplemented_at", "id")
    if queue == DeskQueue.RESULT:
        return dossiers.order_by("result_ready_at", "id")
    if queue == DeskQueue.MINE:
        return dossiers.order_by(F("due_at").asc(nulls_last=True), "submitted_at", "id")
    return dossiers.order_by("submitted_at", "id")


def desk_counts(*, user: User) -> dict[str, int]:
    """How many dossiers each queue of the desk holds, in one query."""
    conditions = {queue.value: _queue_condition(user, queue) for queue in DeskQueue}
    either = functools.reduce(operator.or_, conditions.values())
    return Dossier.objects.filter(either).aggregate(
        **{name: Count("pk", filter=condition) for name, condition in conditions.items()})


@dataclass(frozen=True)
class WorkItem:
    """A row of the worklist (việc của tôi): a current step at the official's agency, and its dossier."""

    dossier_uuid: uuid_module.UUID
    code: str
    applicant_name: str
    procedure_name: str
    procedure_name_en: str
    position: int
    name: str
    name_en: str
    due_at: datetime.datetime
    completed_at: datetime.datetime | None
    handler_id: int | None
    handler_name: str
    is_mine: bool  # taken by the official looking at the list

    @property
    def display_name(self) -> str:
        return localized(self, "name")

    @property
    def procedure_display_name(self) -> str:
        return localized(self, "procedure_name")

    def is_late(self, now=None) -> bool:
        return step_is_late(due_at=self.due_at, completed_at=self.completed_at, now=now)


def agency_worklist(*, user: User, page, per_page: int) -> Page:
    """One page of the current steps at the official's agency in their role, soonest due first. The page
    is opened all day long: it reads plain values (not model instances), and the page with its total in
    one query."""
    steps = (DossierStep.objects.filter(agency_id=user.agency_id, responsible_role=user.role,
                                        state__in=(DossierStep.State.ACTIVE, DossierStep.State.TAKEN),
                                        dossier__state__in=Dossier.PROCESSING_STATES)
             .order_by("due_at", "id")
             .values("position", "name", "name_en", "due_at", "completed_at", "handler_id",
                     dossier_uuid=F("dossier__uuid"), code=F("dossier__code"),
                     applicant_name=F("dossier__applicant_name"),
                     procedure_name=F("dossier__procedure_version__name"),
                     procedure_name_en=F("dossier__procedure_version__name_en"),
                     handler_full_name=F("handler__full_name"), handler_username=F("handler__username")))
    me = user.pk

    def item(values: dict) -> WorkItem:
        full_name, username = values.pop("handler_full_name"), values.pop("handler_username")
        return WorkItem(**values, handler_name=full_name or username or "",  # as User.__str__ shows them
                        is_mine=values["handler_id"] == me)

    return page_with_total(steps, page, per_page=per_page, row=item)


@dataclass(frozen=True)
class DossierLookup:
    """A dossier as the public lookup reads it. What of it is shown to whom is decided in
    dossiers.disclosure (the masked name only to the applicant or with the second factor)."""

    code: str
    state: str
    submitted_at: datetime.datetime | None
    received_at: datetime.datetime | None
    due_at: datetime.datetime | None
    result_ready_at: datetime.datetime | None
    applicant: str  # masked
    procedure_name: str
    procedure_name_en: str
    centre_name: str
    centre_name_en: str
    step_name: str = ""
    step_name_en: str = ""
    applicant_id: int | None = None
    # The last four digits of the applicant's CCCD and phone: the lookup's second factor.
    second_factors: tuple[str, ...] = ()
    returned_at: datetime.datetime | None = None  # when the result was handed over
    dossier_id: int | None = None  # internal: to read its steps, never shown

    @property
    def state_display(self) -> str:
        return Dossier.State(self.state).label

    @property
    def procedure_display_name(self) -> str:
        return self._localized(self.procedure_name, self.procedure_name_en)

    @property
    def centre_display_name(self) -> str:
        return self._localized(self.centre_name, self.centre_name_en)

    @property
    def current_step(self) -> str:
        return self._localized(self.step_name, self.step_name_en)

    def is_late(self, now=None) -> bool:
        return dossier_is_late(state=self.state, due_at=self.due_at, result_ready_at=self.result_ready_at, now=now)

    @staticmethod
    def _localized(vietnamese: str, english: str) -> str:
        return english if english and (get_language() or "vi").startswith("en") else vietnamese


# The lookup is the busiest public read: one statement, written by hand because building it through the ORM
# cost more than running it, and prepared once per connection on PostgreSQL because planning it cost the
# server more than running it (portal/prepared.py). The names come from scalar subqueries; the current
# step's only while the dossier is being processed. Plain SQL that SQLite runs too; raw() converts the
# dates as the ORM does on either database.
_LOOKUP_SQL = """
SELECT d.id, d.code, d.state, d.submitted_at, d.received_at, d.due_at, d.result_ready_at, d.closed_at, d.applicant_name,
       d.applicant_id, d.applicant_cccd, d.applicant_phone,
       (SELECT v.name FROM procedures_procedureversion v WHERE v.id = d.procedure_version_id) AS version_name,
       (SELECT v.name_en FROM procedures_procedureversion v WHERE v.id = d.procedure_version_id) AS version_name_en,
       (SELECT c.name FROM units_servicecentre c WHERE c.id = d.centre_id) AS centre_name,
       (SELECT c.name_en FROM units_servicecentre c WHERE c.id = d.centre_id) AS centre_name_en,
       (SELECT s.name FROM dossiers_dossierstep s
         WHERE s.dossier_id = d.id AND d.state IN (%s, %s) AND s.state IN (%s, %s)
         ORDER BY s.position LIMIT 1) AS step_name,
       (SELECT s.name_en FROM dossiers_dossierstep s
         WHERE s.dossier_id = d.id AND d.state IN (%s, %s) AND s.state IN (%s, %s)
         ORDER BY s.position LIMIT 1) AS step_name_en
  FROM dossiers_dossier d
 WHERE d.code = %s AND d.state <> %s
"""
_CURRENT_STEP = (*Dossier.PROCESSING_STATES, DossierStep.State.ACTIVE, DossierStep.State.TAKEN)


def dossier_lookup(*, code: str) -> DossierLookup:
    """The public lookup by code: what anyone with the code may know, read in one query on the code's
    unique index. Raises DossierNotFound."""
    code = (code or "").strip().upper()
    params = [*_CURRENT_STEP, *_CURRENT_STEP, code, Dossier.State.DRAFT]
    row = next(iter(prepared_raw(Dossier.objects, "dossier_lookup", _LOOKUP_SQL, params)), None) if code else None
    if row is None:
        raise DossierNotFound(_("No dossier has this code. Check the code on your receipt slip."),
                              code=DossierErrorCode.NOT_FOUND)
    return DossierLookup(
        code=row.code, state=row.state, submitted_at=row.submitted_at, received_at=row.received_at, due_at=row.due_at,
        result_ready_at=row.result_ready_at, applicant=masked_name(row.applicant_name),
        procedure_name=row.version_name, procedure_name_en=row.version_name_en,
        centre_name=row.centre_name, centre_name_en=row.centre_name_en,
        step_name=row.step_name or "", step_name_en=row.step_name_en or "", applicant_id=row.applicant_id,
        second_factors=tuple(digits[-4:] for digits in (_digits(row.applicant_cccd), _digits(row.applicant_phone))
                             if len(digits) >= 4),
        returned_at=row.closed_at if row.state == Dossier.State.RETURNED else None, dossier_id=row.id,
    )


def dossier_lookup_steps(lookup: DossierLookup) -> list[DossierStep]:
    """The steps of a looked-up dossier, for the public page: their names, states and dates (what the
    applicant sees of the process; no notes, no handlers)."""
    return list(DossierStep.objects.filter(dossier_id=lookup.dossier_id).only(
        "position", "name", "name_en", "state", "due_at", "completed_at").order_by("position"))


def _digits(value: str | None) -> str:
    return "".join(ch for ch in value or "" if ch.isdigit())


def masked_name(name: str) -> str:
    """"Nguyễn Văn An" -> "N*** V** An": enough for the applicant to recognise, nothing for others."""
    words = (name or "").split()
    if not words:
        return ""
    return " ".join([*(w[0] + "*" * (len(w) - 1) for w in words[:-1]), words[-1]])


# ---- The centre an online applicant is offered first ------------------------------------------------------

def home_centre(*, user: User, centres: list) -> ServiceCentre | None:
    """The receiving centre the online form preselects for ``user`` among ``centres`` (those receiving the
    procedure): the communal centre of the commune the citizen lives in. Where they live is read, in order,
    from the permanent address the national population database gave for them on their latest dossier
    (looked up with their consent, still as the registry gave it), then from the address of their account.
    The commune is the one whose full name ("phường Hạ Long") the address contains, as whole words, with or
    without diacritics; none when no commune, or more than one, is named. When only one centre receives the
    procedure, it is that one. Otherwise nothing is preselected: the citizen chooses."""
    if len(centres) == 1:
        return centres[0]
    if not user.is_authenticated or user.is_official:
        return None
    by_unit: dict[int, list] = {}
    for centre in centres:
        if centre.level == ServiceCentre.Level.COMMUNE:
            by_unit.setdefault(centre.unit_id, []).append(centre)
    if not by_unit:
        return None
    for address in _addresses(user):
        unit_id = _unit_named(address, {c.unit_id: c.unit.name for group in by_unit.values() for c in group})
        if unit_id is not None:
            group = by_unit[unit_id]
            return group[0] if len(group) == 1 else None
    return None


def _addresses(user: User):
    """Where the citizen lives, most reliable first (lazily: the query runs only when asked)."""
    looked_up = (Dossier.objects.filter(applicant=user, applicant_cccd=user.cccd or "",
                                        registry_checked_at__isnull=False)
                 .order_by("-registry_checked_at", "-id").values_list("applicant_address", "registry_fields")[:5])
    registry = next((address for address, fields in looked_up
                     if address and isinstance(fields, list) and "applicant_address" in fields), "")
    if registry:
        yield registry
    if user.address:
        yield user.address


def _unit_named(address: str, names: dict[int, str]) -> int | None:
    """The one unit of ``names`` (id → full name) that ``address`` names, exactly (case aside) or else without
    diacritics; None when none is named or several are."""
    for normalise in (lambda text: nfc(text).casefold(), fold):
        text = normalise(address)
        found = {unit_id for unit_id, name in names.items()
                 if re.search(rf"(?<!\w){re.escape(normalise(name))}(?!\w)", text)}
        if len(found) == 1:
            return found.pop()
        if found:
            return None
    return None
