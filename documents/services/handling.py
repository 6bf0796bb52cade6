"""Văn bản đến, direction and handling (Decree 30/2020 art. 23–24; Appendix IV, phiếu giải quyết văn bản đến):
the leader gives a registered document to a lead unit or person, to co-operating ones and to others for
information, each with a deadline; the heads of the units given it assign it within their unit; handlers
comment and complete their part, or answer it with an outgoing document. The document's state follows:
registered → directed → in_progress (the first handler's action) → done, and the sender sees each step."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from documents import events, permissions
from documents.deadlines import MAX_DAYS, deadline_after, today
from documents.errors import DocumentError, DocumentErrorCode
from documents.incoming_rules import Situation, require
from documents.models import Assignment, Document, DocumentEvent, OrgUnit, Participant, UnitMembership
from documents.services.delivery import recipient_status_follow
from documents.services.incoming import participants_add
from documents.services.search import search_refresh
from portal.dates import date_text

Role = Assignment.Role
OPEN = Assignment.State.OPEN
NOTE_MAX = 2000
LINES_MAX = 30


def _invalid(field: str, message: str) -> DocumentError:
    return DocumentError(message, code=DocumentErrorCode.INVALID, extra={"errors": {field: [message]}})


def _text(value: str, field: str, *, required: bool, empty: str) -> str:
    value = (value or "").strip()
    if required and not value:
        raise _invalid(field, empty)
    if len(value) > NOTE_MAX:
        raise _invalid(field, _("Keep it under %(max)s characters.") % {"max": NOTE_MAX})
    return value


@dataclass(frozen=True)
class DirectionLine:
    """One line of the phiếu giải quyết: who (a unit or an official), in which role, by when (a date, or a
    number of working days from now)."""

    role: str
    unit: OrgUnit | None = None
    user: User | None = None
    deadline: dt.date | None = None
    days: int | None = None
    instruction: str = ""

    @property
    def target(self) -> tuple[str, int]:
        return ("unit", self.unit.pk) if self.unit is not None else ("user", self.user.pk)


def _deadline(*, deadline: dt.date | None, days: int | None, now: dt.datetime, field: str) -> dt.date | None:
    if deadline is not None and days is not None:
        raise _invalid(field, _("Give the deadline either as a date or as a number of working days, not both."))
    if days is not None:
        if not 1 <= days <= MAX_DAYS:
            raise _invalid(field, _("Between 1 and %(max)s working days.") % {"max": MAX_DAYS})
        return deadline_after(days, now=now)
    if deadline is not None and deadline < today(now):
        raise _invalid(field, _("The deadline cannot be in the past."))
    return deadline


def _check_line(document: Document, line: DirectionLine, index: int) -> None:
    field = f"lines[{index}]"
    if line.role not in Role.values:
        raise _invalid(field, _("Unknown role."))
    if (line.unit is None) == (line.user is None):
        raise _invalid(field, _("Give each line one unit or one official."))
    if line.unit is not None and not (line.unit.agency_id == document.agency_id and line.unit.is_active):
        raise _invalid(field, _("Choose a unit of this agency."))
    if line.user is not None and not (permissions.is_agency_official(line.user, document.agency_id)
                                      and line.user.is_active):
        raise _invalid(field, _("Choose an official of this agency."))


def _heads(unit_ids) -> list[User]:
    return [m.user for m in UnitMembership.objects.filter(unit_id__in=unit_ids, is_head=True, user__is_active=True)
            .select_related("user")]


@transaction.atomic
def incoming_direct(*, document: Document, actor: User, note: str, lines: list[DirectionLine],
                    on_behalf_of: User | None = None, now: dt.datetime | None = None) -> Document:
    """Ý kiến chỉ đạo (art. 23.4): one lead, co-operating ones and ones for information, a deadline for each
    (co-operating ones default to the lead's); the lead's deadline becomes the document's. A clerk records the
    direction a leader gave (``on_behalf_of``)."""
    now = now or timezone.now()
    document = Document.objects.select_for_update().get(pk=document.pk)
    situation = Situation.of(actor, document)
    require("direct", situation)
    leader = actor
    if not situation.leader:
        if on_behalf_of is None or not (permissions.is_leader(on_behalf_of, document.agency_id)
                                        and on_behalf_of.is_active):
            raise _invalid("on_behalf_of", _("Name the leader whose direction you are recording."))
        leader = on_behalf_of
    note = _text(note, "note", required=False, empty="")
    if not lines:
        raise _invalid("lines", _("Give the document to a lead unit or official."))
    if len(lines) > LINES_MAX:
        raise _invalid("lines", _("At most %(max)s lines.") % {"max": LINES_MAX})
    for index, line in enumerate(lines):
        _check_line(document, line, index)
    if sum(line.role == Role.LEAD for line in lines) != 1:
        raise _invalid("lines", _("Exactly one unit or official leads the handling."))
    if len({line.target for line in lines}) != len(lines):
        raise _invalid("lines", _("Each unit or official appears once."))
    lead = next(line for line in lines if line.role == Role.LEAD)
    lead_deadline = _deadline(deadline=lead.deadline, days=lead.days, now=now, field="lines")
    if lead_deadline is None:
        raise _invalid("lines", _("Give the lead a deadline."))
    created = []
    for index, line in enumerate(lines):
        deadline = None
        if line.role != Role.INFORM:
            deadline = _deadline(deadline=line.deadline, days=line.days, now=now, field=f"lines[{index}]")
            deadline = deadline or lead_deadline
        created.append(Assignment.objects.create(
            document=document, unit=line.unit, user=line.user, role=line.role, deadline=deadline,
            instruction=_text(line.instruction, f"lines[{index}]", required=False, empty=""),
            assigned_by=actor, assigned_at=now))
    previous = document.state
    document.state, document.direction_note, document.due_date = Document.State.DIRECTED, note, lead_deadline
    document.save(update_fields=["state", "direction_note", "due_date", "updated_at"])
    search_refresh(document)  # the direction's words are searchable
    participants_add(document, [leader], Participant.Role.READER)
    participants_add(document, [a.user for a in created if a.user_id] + _heads(a.unit_id for a in created
                                                                                 if a.unit_id),
                     Participant.Role.HANDLER)
    events.record(document, kind=DocumentEvent.Kind.DIRECTED, actor=actor, from_state=previous, note=note, data={
        "leader": leader.pk, "leader_name": leader.full_name, "on_behalf": leader.pk != actor.pk,
        "lines": [_line_data(a) for a in created]})
    recipient_status_follow(document, actor=actor)
    return document


def _line_data(assignment: Assignment) -> dict:
    return {"role": assignment.role, "unit": assignment.unit.code if assignment.unit_id else None,
            "user": assignment.user.full_name if assignment.user_id else None,
            "deadline": assignment.deadline.isoformat() if assignment.deadline else None}


@transaction.atomic
def incoming_assign(*, document: Document, head: User, assignment: Assignment, user: User,
                    deadline: dt.date | None = None, days: int | None = None, instruction: str = "",
                    now: dt.datetime | None = None) -> Assignment:
    """Ý kiến của lãnh đạo đơn vị: the head gives the unit's part to one of its officials, by a deadline no later
    than the unit's (by default the unit's own)."""
    now = now or timezone.now()
    document = Document.objects.select_for_update().get(pk=document.pk)
    situation = Situation.of(head, document)
    require("assign", situation)
    parent = next((a for a in situation.to_assign if a.pk == getattr(assignment, "pk", None)), None)
    if parent is None:
        raise _invalid("assignment", _("Choose the part given to your unit."))
    if not (user.is_active and UnitMembership.objects.filter(unit_id=parent.unit_id, user=user).exists()):
        raise _invalid("user", _("Choose an official of the unit."))
    if any(c.user_id == user.pk and c.state == OPEN for c in parent.children.all()):
        raise _invalid("user", _("This official already has this document."))
    chosen = _deadline(deadline=deadline, days=days, now=now, field="deadline") or parent.deadline
    if parent.deadline and chosen and chosen > parent.deadline:
        raise _invalid("deadline", _("No later than the unit's deadline, %(date)s.")
                       % {"date": date_text(parent.deadline)})
    child = Assignment.objects.create(
        document=document, parent=parent, unit=parent.unit, user=user, role=parent.role, deadline=chosen,
        instruction=_text(instruction, "instruction", required=False, empty=""), assigned_by=head,
        assigned_at=now)
    participants_add(document, [user], Participant.Role.HANDLER)
    events.record(document, kind=DocumentEvent.Kind.ASSIGNED, actor=head, note=child.instruction,
                  data={"unit": parent.unit.code, "user": user.full_name, "role": child.role,
                        "deadline": chosen.isoformat() if chosen else None})
    return child


def _start(document: Document, situation: Situation) -> bool:
    """The first handler's action puts the document in progress."""
    if situation.handler and document.state == Document.State.DIRECTED:
        document.state = Document.State.IN_PROGRESS
        return True
    return False


@transaction.atomic
def incoming_comment(*, document: Document, actor: User, text: str) -> Document:
    """Ý kiến, đề xuất của người giải quyết: a note in the document's trail."""
    text = _text(text, "text", required=True, empty=_("Write the comment."))
    document = Document.objects.select_for_update().get(pk=document.pk)
    situation = Situation.of(actor, document)
    require("comment", situation)
    previous = document.state
    if _start(document, situation):
        document.save(update_fields=["state", "updated_at"])
    events.record(document, kind=DocumentEvent.Kind.COMMENTED, actor=actor, from_state=previous, note=text)
    if document.state != previous:
        recipient_status_follow(document, actor=actor)
    return document


def _close(assignment: Assignment, *, result: str, now: dt.datetime) -> None:
    assignment.state, assignment.result_note, assignment.completed_at = Assignment.State.DONE, result, now
    assignment.save(update_fields=["state", "result_note", "completed_at"])


def _finish(document: Document, *, now: dt.datetime) -> None:
    """The lead's part is done: so is the document; what is still open closes with it."""
    document.assignments.filter(state=OPEN).update(state=Assignment.State.DONE, completed_at=now)
    document.state, document.completed_at = Document.State.DONE, now
    document.save(update_fields=["state", "completed_at", "updated_at"])


@transaction.atomic
def incoming_complete(*, document: Document, actor: User, result: str, assignment: Assignment | None = None,
                      now: dt.datetime | None = None) -> Document:
    """The handler's part is done (with a result note). When the lead's part is done, the document is; a unit's
    part is done when every official the head gave it to is."""
    now = now or timezone.now()
    result = _text(result, "result", required=True, empty=_("Say what was done."))
    document = Document.objects.select_for_update().get(pk=document.pk)
    situation = Situation.of(actor, document)
    require("complete", situation)
    mine = situation.own_open
    if assignment is not None:
        target = next((a for a in mine if a.pk == assignment.pk), None)
        if target is None:
            raise _invalid("assignment", _("Choose one of your open parts of this document."))
    else:
        order = {Role.LEAD: 0, Role.COOPERATE: 1, Role.INFORM: 2}
        target = min(mine, key=lambda a: (order[a.role], a.pk))
    previous = document.state
    _close(target, result=result, now=now)
    top = target
    if target.parent_id is not None:
        parent = Assignment.objects.select_for_update().get(pk=target.parent_id)
        top = parent
        if not parent.children.filter(state=OPEN).exists() and parent.state == OPEN:
            _close(parent, result=result, now=now)
    if top.role == Role.LEAD and top.state == Assignment.State.DONE:
        _finish(document, now=now)
    elif _start(document, situation):
        document.save(update_fields=["state", "updated_at"])
    events.record(document, kind=DocumentEvent.Kind.COMPLETED, actor=actor, from_state=previous, note=result,
                  data={"assignment": target.pk, "role": target.role})
    if document.state != previous:
        recipient_status_follow(document, actor=actor)
    return document


def incoming_answered(*, incoming: Document, outgoing: Document, actor) -> None:
    """``outgoing`` (issued) answers ``incoming``: its lead part closes as answered, and so does the document
    (Appendix IV: "số, ký hiệu văn bản trả lời"). Called in the issuing transaction; an answer to a document
    already done, returned or recalled is recorded in its trail and changes nothing else."""
    incoming = Document.objects.select_for_update().get(pk=incoming.pk)
    if incoming.direction != Document.Direction.INCOMING or incoming.agency_id != outgoing.agency_id:
        return
    now = timezone.now()
    number = outgoing.number_display
    previous = incoming.state
    if incoming.state in (Document.State.REGISTERED, Document.State.DIRECTED, Document.State.IN_PROGRESS):
        note = _("Answered by document %(number)s.") % {"number": number}
        for lead in incoming.assignments.filter(state=OPEN, role=Role.LEAD):
            _close(lead, result=note, now=now)
        _finish(incoming, now=now)
    events.record(incoming, kind=DocumentEvent.Kind.REPLIED, actor=actor, from_state=previous, note=number,
                  data={"reply": str(outgoing.uuid), "number": number})
    if incoming.state != previous:
        recipient_status_follow(incoming, actor=actor)
