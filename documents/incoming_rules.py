"""Who may do what to an incoming document, and in which state (Decree 30/2020 art. 20–24), in one registry
that the services (under the row lock), the document's page and the API all read.

- The clerk (văn thư) of the receiving agency checks, registers and returns arrivals.
- A leader directs a registered document (phiếu giải quyết); the clerk may enter a direction a leader gave
  on paper, naming that leader (art. 23.4: the direction is the leader's, the clerk records it).
- The head of a unit given the document assigns it within the unit.
- Handlers (those given it in person, and heads of the units given it) comment, complete their part, and
  answer it with an outgoing document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.models import User
from documents import permissions
from documents.errors import DocumentConflict, DocumentErrorCode, DocumentForbidden, DocumentNotFound
from documents.models import Assignment, Document, UnitMembership

State = Document.State
WORKED = (State.DIRECTED, State.IN_PROGRESS)


@dataclass(frozen=True)
class Situation:
    """What the rules look at, worked out once for a user and an incoming document (two queries)."""

    user: User
    document: Document
    clerk: bool
    leader: bool
    assignments: tuple[Assignment, ...]  # the document's assignments given to the user or to units they head
    headed_units: frozenset[int]
    visible: bool  # documents.permissions: a secret document only to those given it

    @classmethod
    def of(cls, user: User, document: Document) -> Situation:
        agency = document.agency_id
        headed = frozenset(UnitMembership.objects.filter(user=user, is_head=True, unit__agency_id=agency)
                           .values_list("unit_id", flat=True)) if user.is_authenticated else frozenset()
        mine = ()
        if permissions.is_agency_official(user, agency):
            mine = tuple(document.assignments.filter(Q(user=user) | Q(unit_id__in=headed, user__isnull=True))
                         .select_related("unit", "user").prefetch_related("children").order_by("assigned_at", "id"))
        return cls(user=user, document=document, clerk=permissions.is_clerk(user, agency),
                   leader=permissions.is_leader(user, agency), assignments=mine, headed_units=headed,
                   visible=permissions.can_view(user, document))

    @property
    def own_open(self) -> list[Assignment]:
        """The open assignments the user answers for: given to them, or to a unit they head (not yet passed
        on to one of its officials)."""
        return [a for a in self.assignments if a.state == Assignment.State.OPEN
                and (a.user_id == self.user.pk or not any(c.state == Assignment.State.OPEN for c in a.children.all()))]

    @property
    def to_assign(self) -> list[Assignment]:
        """The open unit assignments (given by the leader) of units the user heads."""
        return [a for a in self.assignments if a.state == Assignment.State.OPEN and a.user_id is None
                and a.parent_id is None and a.unit_id in self.headed_units]

    @property
    def handler(self) -> bool:
        return bool(self.assignments)


@dataclass(frozen=True)
class Rule:
    name: str
    label: Promise
    states: tuple[str, ...]
    who: Callable[[Situation], bool]
    # Beyond the role and the state: something open to act on (else 409: someone acted first).
    ready: Callable[[Situation], bool] = lambda situation: True


RULES: dict[str, Rule] = {rule.name: rule for rule in (
    Rule("check", gettext_lazy("Check again"), (State.ARRIVED,), lambda s: s.clerk),
    Rule("register", pgettext_lazy("document action", "Register"), (State.ARRIVED,), lambda s: s.clerk),
    Rule("refuse", gettext_lazy("Return to the sender"), (State.ARRIVED, State.REGISTERED), lambda s: s.clerk),
    Rule("direct", gettext_lazy("Direct"), (State.REGISTERED,), lambda s: s.leader or s.clerk),
    Rule("assign", gettext_lazy("Assign within the unit"), WORKED, lambda s: bool(s.headed_units) and s.handler,
         ready=lambda s: bool(s.to_assign)),
    Rule("comment", gettext_lazy("Comment"), WORKED, lambda s: s.handler or s.leader),
    Rule("complete", gettext_lazy("Complete"), WORKED, lambda s: s.handler, ready=lambda s: bool(s.own_open)),
    Rule("reply", gettext_lazy("Reply with an outgoing document"), WORKED, lambda s: s.handler,
         ready=lambda s: any(a.role == Assignment.Role.LEAD for a in s.own_open)),
)}


def allowed(name: str, situation: Situation) -> bool:
    rule = RULES[name]
    document = situation.document
    return (situation.visible and document.direction == Document.Direction.INCOMING
            and document.state in rule.states and rule.who(situation) and rule.ready(situation))


def actions_for(user: User, document: Document) -> list[str]:
    """The actions open to ``user`` on ``document`` now, in the order of the flow."""
    if document.direction != Document.Direction.INCOMING:
        return []
    situation = Situation.of(user, document)
    return [name for name in RULES if allowed(name, situation)]


def require(name: str, situation: Situation) -> None:
    """Raise what the API and the pages answer when the action is not open: 403 when it is not the user's to
    take, 409 when the document is not (or no longer) in a state that allows it."""
    rule, document = RULES[name], situation.document
    if not situation.visible:
        raise DocumentNotFound(_("No such document."), code=DocumentErrorCode.NOT_FOUND)
    if document.direction != Document.Direction.INCOMING or not rule.who(situation):
        raise DocumentForbidden(_("This is not yours to do on this document."), code=DocumentErrorCode.FORBIDDEN)
    if document.is_frozen:
        raise DocumentConflict(_("This document was recalled by its sender: nothing more can be done to it."),
                               code=DocumentErrorCode.FROZEN)
    if document.state not in rule.states or not rule.ready(situation):
        raise DocumentConflict(
            _("This document is now “%(state)s”: it cannot be done any more (someone may have acted first).")
            % {"state": document.get_state_display()}, code=DocumentErrorCode.BAD_STATE)
