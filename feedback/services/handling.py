"""The agency's work on a petition (feedback-pakn.md): classify and accept it, refuse it (within 2 working
days), ask the citizen for more (within 5; the clock stands still meanwhile), forward it to the competent
agency (within 5), assign an official, draft the answer, have the leader approve it (within the handling
time) and publish it masked (within 2 more). Each is lock, guard, change, event + outbox message."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from feedback import deadlines, permissions
from feedback.errors import FeedbackError, FeedbackErrorCode
from feedback.masking import masked_publication
from feedback.models import Petition, PetitionEvent
from feedback.services._common import guard, locked, met, move, require
from portal.dates import date_text
from portal.text import nfc, search_fold
from units.models import Agency

State, Kind = Petition.State, PetitionEvent.Kind


def _text(value: str, *, field: str, message: str) -> str:
    value = nfc(value or "").strip()
    if not value:
        raise FeedbackError(message, code=FeedbackErrorCode.INVALID, extra={"errors": {field: [message]}})
    return value


def _handler(agency_id: int, handler: User | None) -> User | None:
    if handler is not None and not permissions.may_handle(handler, agency_id):
        message = _("%(name)s cannot handle petitions of this agency.") % {"name": handler}
        raise FeedbackError(message, code=FeedbackErrorCode.HANDLER_NOT_HERE, extra={"errors": {"handler": [message]}})
    return handler


@transaction.atomic
def petition_classify(*, petition: Petition, actor: User, category: str, kind: str | None = None,
                      handler: User | None = None, note: str = "") -> Petition:
    """Accept the petition as within the agency's competence, in one of the eight categories (which sets its
    class and handling time), optionally giving it to an official at once."""
    petition = locked(petition)
    require(permissions.can_take_in(actor, petition))
    guard(petition, petition.can_classify)
    if category not in Petition.Category.values:
        message = _("Choose one of the eight categories.")
        raise FeedbackError(message, code=FeedbackErrorCode.BAD_CATEGORY, extra={"errors": {"category": [message]}})
    now = timezone.now()
    petition.category = category
    petition.klass = (Petition.Klass.CONDUCT if category in Petition.CONDUCT_CATEGORIES
                      else Petition.Klass.REGULATION)
    if kind in Petition.Kind.values:
        petition.kind = kind
    petition.handler = _handler(petition.agency_id, handler)
    petition.classified_at = now
    deadlines.set_category(petition)
    move(petition, to=State.IN_PROGRESS, kind=Kind.CLASSIFIED, actor=actor, note=nfc(note).strip(),
         fields=["category", "klass", "kind", "handler", "classified_at", "due_at"],
         data={"category": category, "handler": handler.get_username() if handler else ""})
    return petition


@transaction.atomic
def petition_refuse(*, petition: Petition, actor: User, reason: str) -> Petition:
    """Not accepted: the requirements of the decree are not met (anonymous, not about a regulation or an
    official, already answered...). The citizen is told why."""
    petition = locked(petition)
    require(permissions.can_take_in(actor, petition))
    guard(petition, petition.can_classify)
    petition.refusal_reason = _text(reason, field="reason", message=_("Say why the petition is not accepted."))
    petition.refused_at = timezone.now()
    move(petition, to=State.REFUSED, kind=Kind.REFUSED, actor=actor, note=petition.refusal_reason,
         fields=["refusal_reason", "refused_at"], on_time=met(petition.refuse_due_at, petition.refused_at))
    return petition


@transaction.atomic
def petition_request_info(*, petition: Petition, actor: User, request: str) -> Petition:
    """Ask the citizen for what is missing; the clock stands still until they answer."""
    petition = locked(petition)
    require(permissions.can_take_in(actor, petition))
    guard(petition, petition.can_request_info)
    now = timezone.now()
    petition.info_request = _text(request, field="request", message=_("Say what the citizen should add."))
    petition.info_requested_at = now
    deadlines.pause(petition, at=now)
    move(petition, to=State.INFO_REQUESTED, kind=Kind.INFO_REQUESTED, actor=actor, note=petition.info_request,
         fields=["info_request", "info_requested_at", "paused_at"], on_time=met(petition.intake_due_at, now))
    return petition


@transaction.atomic
def petition_supply_info(*, petition: Petition, actor: User | None, information: str) -> Petition:
    """The citizen's answer (on the tracking page, or through the hotline): back to classification, the clock
    running again with the time they took added."""
    petition = locked(petition)
    require(actor is None or permissions.is_petitioner(actor, petition) or permissions.is_hotline_desk(actor)
            or permissions.can_take_in(actor, petition))
    guard(petition, petition.can_supply_info)
    information = _text(information, field="information", message=_("Write the information asked for."))
    now = timezone.now()
    deadlines.resume(petition, at=now)
    petition.intake_due_at = max(petition.intake_due_at, deadlines.after_working_days(now, 1))
    # The petition's text is a record: the addition is dated in the administration's language, whoever adds it.
    with translation.override(settings.LANGUAGE_CODE):
        added = _("Added %(date)s") % {"date": date_text(now)}
    petition.content = f"{petition.content}\n\n— {added}: {information}"
    petition.search_text = search_fold(f"{petition.title} {petition.content}")
    move(petition, to=State.RECEIVED, kind=Kind.INFO_SUPPLIED, actor=actor, note=information,
         fields=["paused_at", "paused_hours", "due_at", "intake_due_at", "content", "search_text"])
    return petition


@transaction.atomic
def petition_forward(*, petition: Petition, actor: User, agency: Agency | None = None, outside: str = "",
                     note: str = "") -> Petition:
    """Not this agency's to handle: to the competent agency in the portal (it arrives in its queue, with its
    own 2, 5 and handling days from now), or outside the portal (where it went is recorded; it ends here)."""
    petition = locked(petition)
    require(permissions.can_take_in(actor, petition))
    guard(petition, petition.can_classify)
    now = timezone.now()
    on_time = met(petition.intake_due_at, now)
    petition.forwarded_at = now
    if agency is None:
        petition.forwarded_to = _text(outside, field="outside",
                                      message=_("Choose the agency, or name the one outside the portal."))[:255]
        move(petition, to=State.FORWARDED, kind=Kind.FORWARDED, actor=actor, note=nfc(note).strip(),
             fields=["forwarded_at", "forwarded_to"], on_time=on_time, data={"to": petition.forwarded_to})
        return petition
    if agency.pk == petition.agency_id:
        message = _("The petition is already at %(agency)s.") % {"agency": agency.display_name}
        raise FeedbackError(message, code=FeedbackErrorCode.SAME_AGENCY, extra={"errors": {"agency": [message]}})
    source = petition.agency
    move(petition, to=State.RECEIVED, kind=Kind.FORWARDED, actor=actor, note=nfc(note).strip(),
         fields=["forwarded_at"], on_time=on_time, data={"to": agency.code, "to_name": agency.name})
    petition.agency, petition.handler, petition.forwarded_to = agency, None, agency.name
    petition.escalation_level, petition.escalated_at = 0, None
    deadlines.set_receipt(petition, at=now)
    move(petition, to=State.RECEIVED, kind=Kind.ARRIVED, actor=actor,
         fields=["agency", "handler", "forwarded_to", "escalation_level", "escalated_at", "received_at",
                 "refuse_due_at", "intake_due_at", "due_at", "paused_hours"],
         data={"from": source.code, "from_name": source.name})
    return petition


@transaction.atomic
def petition_assign(*, petition: Petition, actor: User, handler: User) -> Petition:
    petition = locked(petition)
    require(permissions.is_leader(actor, petition) or permissions.can_take_in(actor, petition))
    guard(petition, petition.can_assign)
    petition.handler = _handler(petition.agency_id, handler)
    move(petition, to=State.IN_PROGRESS, kind=Kind.ASSIGNED, actor=actor, fields=["handler"],
         data={"handler": handler.get_username(), "handler_name": str(handler)})
    return petition


@transaction.atomic
def petition_propose_answer(*, petition: Petition, actor: User, answer: str) -> Petition:
    """The official's draft answer, for the leader's approval."""
    petition = locked(petition)
    require(permissions.can_answer(actor, petition))
    guard(petition, petition.can_propose_answer)
    petition.answer = _text(answer, field="answer", message=_("Write the answer to the citizen."))
    petition.answered_by = actor
    move(petition, to=State.ANSWER_PROPOSED, kind=Kind.ANSWER_PROPOSED, actor=actor,
         fields=["answer", "answered_by"])
    return petition


@transaction.atomic
def petition_return_answer(*, petition: Petition, actor: User, note: str) -> Petition:
    petition = locked(petition)
    require(permissions.is_leader(actor, petition), _("Only a leader of the agency approves answers."))
    guard(petition, petition.can_decide_answer)
    note = _text(note, field="note", message=_("Say what to change in the answer."))
    move(petition, to=State.IN_PROGRESS, kind=Kind.ANSWER_RETURNED, actor=actor, note=note, fields=[])
    return petition


@transaction.atomic
def petition_approve_answer(*, petition: Petition, actor: User, answer: str = "", publish: bool = True) -> Petition:
    """The leader approves the answer (corrected if need be): it is sent to the citizen, and published at once
    (masked) unless the leader wants to read the public text first (then within FEEDBACK_PUBLISH_DAYS)."""
    petition = locked(petition)
    require(permissions.is_leader(actor, petition), _("Only a leader of the agency approves answers."))
    guard(petition, petition.can_decide_answer)
    if nfc(answer or "").strip():
        petition.answer = nfc(answer).strip()
    now = timezone.now()
    petition.approved_by = actor
    deadlines.set_answered(petition, at=now)
    move(petition, to=State.ANSWERED, kind=Kind.ANSWERED, actor=actor,
         fields=["answer", "approved_by", "answered_at", "publish_due_at"], on_time=met(petition.due_at, now))
    if publish:
        _publish(petition, actor=actor, texts=masked_publication(petition))
    return petition


@transaction.atomic
def petition_publish(*, petition: Petition, actor: User, public_title: str = "", public_content: str = "",
                     public_answer: str = "") -> Petition:
    """Publish the answer on the public page; the masked texts may be corrected (never unmasked by default)."""
    petition = locked(petition)
    require(permissions.is_leader(actor, petition), _("Only a leader of the agency publishes answers."))
    guard(petition, petition.can_publish)
    texts = masked_publication(petition)
    given = {"public_title": public_title, "public_content": public_content, "public_answer": public_answer}
    texts.update({name: nfc(value).strip() for name, value in given.items() if nfc(value or "").strip()})
    texts["public_title"] = texts["public_title"][:200]
    _publish(petition, actor=actor, texts=texts)
    return petition


def _publish(petition: Petition, *, actor: User, texts: dict[str, str]) -> None:
    now = timezone.now()
    for name, value in texts.items():
        setattr(petition, name, value)
    petition.published_at = now
    petition.search_text = search_fold(" ".join(texts.values()))
    move(petition, to=State.PUBLISHED, kind=Kind.PUBLISHED, actor=actor,
         fields=[*texts, "published_at", "search_text"], on_time=met(petition.publish_due_at, now))
