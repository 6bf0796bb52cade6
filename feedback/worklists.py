"""What officials read of petitions (the citizen's and public reads are in selectors.py): the worklist's tabs
and their counts, one petition with everything its page shows, the deadlines it met or missed, the petitions
about a dossier, and the hotline desk's call log. Visibility is always ``Petition.objects.visible_to(user)``;
lists load their relations in a fixed number of queries, whatever their length."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.models import User
from dossiers.models import Dossier
from feedback import permissions
from feedback.deadlines import after_working_days, working_days_left
from feedback.errors import FeedbackErrorCode, PetitionNotFound
from feedback.models import HotlineCall, Petition, PetitionEvent
from portal.phones import normalize_phone
from portal.text import search_words

State = Petition.State
SOON_DAYS = 2  # "due soon": the next deadline falls within this many working days
# Long texts a list never shows.
_LIST_DEFERRED = ("content", "proposal", "answer", "public_content", "public_answer", "search_text",
                  "refusal_reason", "info_request")


class Tab(models.TextChoices):
    RECEIVED = "received", gettext_lazy("To classify")
    INFO = "info", gettext_lazy("Waiting for the citizen")
    IN_PROGRESS = "in_progress", pgettext_lazy("petition worklist", "In progress")
    MINE = "mine", gettext_lazy("Assigned to me")
    APPROVAL = "approval", gettext_lazy("Awaiting approval")
    PUBLISH = "publish", gettext_lazy("To publish")
    SOON = "soon", gettext_lazy("Due soon")
    OVERDUE = "overdue", gettext_lazy("Overdue")
    ESCALATED = "escalated", gettext_lazy("Escalated")
    ALL = "all", gettext_lazy("All")


# Only a leader approves and publishes answers, and overdue petitions rise to the leaders (then the admins).
LEADER_TABS = (Tab.APPROVAL, Tab.PUBLISH, Tab.ESCALATED)


def is_leading(user: User) -> bool:
    return user.is_provincial_admin or user.role == User.Role.LEADER


def tabs_for(user: User) -> list[Tab]:
    return [tab for tab in Tab if tab not in LEADER_TABS or is_leading(user)]


def default_tab(user: User) -> Tab:
    return Tab.MINE if user.role == User.Role.SPECIALIST else Tab.RECEIVED


@dataclass(frozen=True)
class WorklistFilters:
    """What an official narrows the worklist by; empty values are ignored."""

    query: str = ""  # the petition's code, or words of its subject and content (diacritics ignored)
    category: str = ""
    klass: str = ""
    channel: str = ""
    agency: int | None = None  # the provincial admins' choice of agency (the province when empty)


def soon_limit(now: dt.datetime) -> dt.datetime:
    return after_working_days(now, SOON_DAYS)


def _base(user: User, agency: int | None) -> QuerySet[Petition]:
    """The work of the user's agency (an admin's: the province's, or one agency's)."""
    petitions = Petition.objects.visible_to(user)
    if user.is_provincial_admin:
        return petitions.filter(agency_id=agency) if agency else petitions
    return petitions.filter(agency_id=user.agency_id) if user.agency_id else petitions.none()


def _condition(tab: str, user: User, now: dt.datetime) -> Q:
    open_ = Q(state__in=Petition.OPEN_STATES)
    return {
        Tab.RECEIVED: Q(state=State.RECEIVED),
        Tab.INFO: Q(state=State.INFO_REQUESTED),
        Tab.IN_PROGRESS: Q(state=State.IN_PROGRESS),
        Tab.MINE: open_ & Q(handler_id=user.pk),
        Tab.APPROVAL: Q(state=State.ANSWER_PROPOSED),
        Tab.PUBLISH: Q(state=State.ANSWERED),
        Tab.SOON: open_ & Q(deadline_at__gte=now, deadline_at__lte=soon_limit(now)),
        Tab.OVERDUE: open_ & Q(deadline_at__lt=now),
        # The agency's leaders answer for level 1; the provincial admins for level 2.
        Tab.ESCALATED: open_ & Q(escalation_level__gte=2 if user.is_provincial_admin else 1),
        Tab.ALL: Q(),
    }[tab]


def worklist_counts(*, user: User, agency: int | None = None, now=None) -> dict[str, int]:
    """Every tab's count: one query for the agency's work, one for "all" (what the user may see anywhere)."""
    now = now or timezone.now()
    tabs = [tab for tab in tabs_for(user) if tab != Tab.ALL]
    counts = _base(user, agency).aggregate(**{tab.value: Count("pk", filter=_condition(tab, user, now))
                                               for tab in tabs})
    counts[Tab.ALL.value] = _all(user, agency).count()
    return counts


def _all(user: User, agency: int | None) -> QuerySet[Petition]:
    petitions = Petition.objects.visible_to(user)
    return petitions.filter(agency_id=agency) if agency and user.is_provincial_admin else petitions


def _search(petitions: QuerySet[Petition], query: str) -> QuerySet[Petition]:
    query = (query or "").strip()[:100]
    if not query:
        return petitions
    condition = Q(code__startswith=query.upper())
    words = search_words(query)
    if words:
        text = Q()
        for word in words:  # every word, in either spelling (search_text is stored with search_fold)
            text &= Q(*(Q(search_text__contains=form) for form in word.forms), _connector=Q.OR)
        condition |= text
    return petitions.filter(condition)


def worklist(*, user: User, tab: str, filters: WorklistFilters | None = None, now=None) -> QuerySet[Petition]:
    """The rows of one tab, soonest deadline first (newest first under "all"), with what a row shows."""
    now = now or timezone.now()
    filters = filters or WorklistFilters()
    petitions = _all(user, filters.agency) if tab == Tab.ALL else _base(user, filters.agency)
    petitions = _search(petitions.filter(_condition(tab, user, now)), filters.query)
    for name in ("category", "klass", "channel"):
        if getattr(filters, name):
            petitions = petitions.filter(**{name: getattr(filters, name)})
    order = (["-submitted_at", "-id"] if tab == Tab.ALL
             else [F("deadline_at").asc(nulls_last=True), "submitted_at", "id"])
    return (petitions.select_related("dossier", "handler", "agency").defer(*_LIST_DEFERRED)
            .annotate(dossier_visible=_dossier_visible(user)).order_by(*order))


def _dossier_visible(user: User) -> Exists:
    return Exists(Dossier.objects.visible_to(user).filter(pk=OuterRef("dossier_id")))


def with_countdown(petitions, *, now=None):
    """Each petition with ``days_left`` (working days to its next deadline, negative when late; None while the
    clock stands still or nothing is due) and ``due_soon``. The calendar is read once for all of them."""
    now = now or timezone.now()
    limit = soon_limit(now)
    for petition in petitions:
        petition.days_left = working_days_left(petition.deadline_at, now=now)
        petition.due_soon = petition.deadline_at is not None and now <= petition.deadline_at <= limit
    return petitions


def petition_get_for(*, user: User, uuid) -> Petition:
    """One petition the official may see, with what its page shows. Raises PetitionNotFound, also for one that
    exists but is not theirs: the same answer, so nobody can probe for petitions."""
    try:
        key = uuid if isinstance(uuid, uuid_module.UUID) else uuid_module.UUID(str(uuid))
    except ValueError:
        key = None
    events = PetitionEvent.objects.select_related("actor", "agency").order_by("at", "id")
    petition = None
    if key is not None:
        petition = (Petition.objects.visible_to(user)
                    .select_related("agency", "handler", "citizen", "recorded_by", "answered_by", "approved_by",
                                    "procedure", "centre", "dossier__procedure_version__procedure", "dossier__centre",
                                    "call__officer", "call__hotline")
                    .prefetch_related(Prefetch("events", queryset=events), "files")
                    .annotate(dossier_visible=_dossier_visible(user))
                    .filter(uuid=key).first())
    if petition is None:
        raise PetitionNotFound(_("There is no such petition, or it is not yours to see."),
                               code=FeedbackErrorCode.NOT_FOUND)
    return petition


def petition_by_code(*, user: User, code: str) -> Petition | None:
    """The hotline desk's look-up of a petition a caller asks about."""
    code = (code or "").strip().upper()[:20]
    if not code:
        return None
    return Petition.objects.visible_to(user).select_related("agency", "handler").filter(code=code).first()


@dataclass(frozen=True)
class DeadlineRow:
    label: str
    due: dt.datetime | None
    done_at: dt.datetime | None
    status: str  # "met", "missed", "running", "late", "waiting" (the clock stands still) or "" (not needed)


def deadline_rows(petition: Petition, *, now=None) -> list[DeadlineRow]:
    """The four national deadlines (feedback-pakn.md §2) and whether each was met, is running or is not needed
    any more. Times before the petition reached the agency holding it now belong to the one before."""
    now = now or timezone.now()
    since = petition.received_at

    def done(*moments):
        moments = [m for m in moments if m is not None and m >= since]
        return min(moments) if moments else None

    def row(label, due, done_at, open_):
        if done_at is not None and due is not None:
            return DeadlineRow(str(label), due, done_at, "met" if done_at <= due else "missed")
        if open_ and due is not None:
            if petition.is_paused:
                return DeadlineRow(str(label), due, None, "waiting")
            return DeadlineRow(str(label), due, None, "running" if now <= due else "late")
        return DeadlineRow(str(label), due, None, "")

    received = petition.state == State.RECEIVED
    handled = petition.state in Petition.ANSWERED_STATES
    return [
        row(_("Refuse, if not accepted"), petition.refuse_due_at,
            petition.refused_at if petition.state == State.REFUSED else None, received),
        row(_("Classify, ask for information or forward"), petition.intake_due_at,
            done(petition.classified_at, petition.info_requested_at, petition.forwarded_at, petition.refused_at),
            received),
        row(_("Handle (answer approved)"), petition.due_at, petition.answered_at if handled else None,
            petition.state in (State.RECEIVED, State.INFO_REQUESTED, State.IN_PROGRESS, State.ANSWER_PROPOSED)),
        row(_("Publish the answer"), petition.publish_due_at,
            petition.published_at if petition.state == State.PUBLISHED else None, petition.state == State.ANSWERED),
    ]


def dossier_petitions(*, user: User, dossier: Dossier) -> list[Petition]:
    """The petitions about ``dossier`` this official may see, newest first (the dossier page's panel)."""
    rows = (Petition.objects.visible_to(user).filter(dossier=dossier).select_related("agency", "handler")
            .defer(*_LIST_DEFERRED).order_by("-submitted_at", "-id")[:50])
    return with_countdown(list(rows))


def handlers_for(petition: Petition) -> QuerySet[User]:
    """Officials who may be given ``petition`` (permissions.may_handle), by name."""
    return (User.objects.filter(is_active=True, agency_id=petition.agency_id, role__in=permissions.HANDLER_ROLES)
            .order_by("full_name", "username"))


# The hotline desk.

@dataclass(frozen=True)
class CallFilters:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    outcome: str = ""
    officer: int | None = None
    number: str = ""


def calls(*, user: User, filters: CallFilters | None = None) -> QuerySet[HotlineCall]:
    """The call log (sổ ghi cuộc gọi), newest first. The hotline desk and the admins read all of it."""
    if not permissions.is_hotline_desk(user):
        return HotlineCall.objects.none()
    filters = filters or CallFilters()
    rows = HotlineCall.objects.select_related("officer", "hotline", "petition", "dossier")
    if filters.date_from:
        rows = rows.filter(started_at__date__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(started_at__date__lte=filters.date_to)
    if filters.outcome:
        rows = rows.filter(outcome=filters.outcome)
    if filters.officer:
        rows = rows.filter(officer_id=filters.officer)
    number = "".join(ch for ch in filters.number or "" if ch.isdigit() or ch == "+")
    if number:
        try:  # a whole number, as it is stored
            rows = rows.filter(caller_phone=normalize_phone(number))
        except ValidationError:  # not a whole number: the digits typed, anywhere in it
            rows = rows.filter(caller_phone__contains=number.lstrip("+"))
    return rows.annotate(dossier_visible=_dossier_visible(user)).order_by("-started_at", "-id")


def calls_today(*, officer: User, limit: int = 30) -> list[HotlineCall]:
    today = timezone.localdate()
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    return list(HotlineCall.objects.filter(officer=officer, started_at__gte=start)
                .select_related("petition", "dossier", "hotline").order_by("-started_at", "-id")[:limit])


def call_officers() -> QuerySet[User]:
    """Who may appear as the officer in the log's filter: the hotline officers and admins."""
    return (User.objects.filter(Q(role=User.Role.HOTLINE) | Q(role=User.Role.ADMIN) | Q(is_superuser=True))
            .order_by("full_name", "username"))

