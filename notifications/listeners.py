"""What notifications hears from the apps below it (registered in NotificationsConfig.ready()): each listener
runs inside the event's transaction and only writes outbox rows (the sending happens after commit)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from accounts.models import User
from documents.models import Assignment, DocumentEvent
from dossiers import events as dossier_events
from dossiers import notifications as dossier_emails
from dossiers.models import DossierEvent, DossierStep
from feedback import events as petition_events
from feedback import notifications as petition_emails
from feedback.models import PetitionEvent
from notifications.services import notify, recipient_for
from portal.dates import date_text

# The applicant's messages, by the dossier event that sends them.
DOSSIER_TEMPLATES = {
    DossierEvent.Kind.RECEIVED: "dossier.received",
    DossierEvent.Kind.SUPPLEMENT_REQUESTED: "dossier.supplement_requested",
    DossierEvent.Kind.RESULT_READY: "dossier.result_ready",
    DossierEvent.Kind.RETURNED: "dossier.returned",
    DossierEvent.Kind.PAID: "dossier.paid",
}
PETITION_TEMPLATES = {
    PetitionEvent.Kind.ANSWERED: "petition.answered",
    PetitionEvent.Kind.PUBLISHED: "petition.published",
}
# The events after which a step waits for its officials: the next one (completed), the same one at its new
# agency (transferred), the one sent back to (returned).
STEP_EVENTS = {DossierEvent.Kind.STEP_COMPLETED, DossierEvent.Kind.STEP_TRANSFERRED, DossierEvent.Kind.STEP_RETURNED}
MAX_OFFICIALS = 20  # a step waits for a role in an agency: at most this many are told


def amount_text(value) -> str:
    """150000 → "150.000 đồng" (whole đồng, as fees are)."""
    try:
        return f"{int(value):,}".replace(",", ".") + " đồng"
    except (TypeError, ValueError):
        return ""


def on_dossier_event(event: DossierEvent) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        if event.kind in DOSSIER_TEMPLATES or event.kind in dossier_events.NOTIFIED:
            _applicant(event)
        elif event.kind in STEP_EVENTS and event.step_id:
            _step_todo(event)


def _applicant(event: DossierEvent) -> None:
    """The short text by SMS or Zalo (the events of DOSSIER_TEMPLATES); the dossier's own e-mail (the events
    dossiers.events.NOTIFIED names), or the short text by e-mail for the others."""
    dossier = event.dossier
    template = DOSSIER_TEMPLATES.get(event.kind, f"dossier.{event.kind}")
    email = dossier_emails.event_email(event=event) if event.kind in dossier_events.NOTIFIED else None
    values = {"code": dossier.code or "", "procedure": dossier.procedure_version.name,
              "due": date_text(dossier.due_at), "reason": (event.note or ", ".join(event.data.get("items", []))).rstrip(" .;"),
              "amount": amount_text(event.data.get("amount_paid", event.data.get("amount")))}
    if template == "dossier.paid" and not values["amount"]:
        values["amount"] = "?"
    recipient = recipient_for(user=dossier.applicant, phone=dossier.applicant_phone, email=dossier.applicant_email)
    notify(event_key=f"dossier-event:{event.pk}", template=template, values=values, recipient=recipient,
           dossier_id=dossier.pk, email=email)


def _step_todo(event: DossierEvent) -> None:
    step = event.step
    if event.kind == DossierEvent.Kind.STEP_COMPLETED:
        step = DossierStep.objects.filter(dossier_id=event.dossier_id, position__gt=step.position).order_by(
            "position").first()
    elif event.kind == DossierEvent.Kind.STEP_RETURNED:
        step = DossierStep.objects.filter(dossier_id=event.dossier_id, position__lt=step.position).order_by(
            "-position").first()
    if step is None:
        return
    officials = User.objects.filter(agency_id=step.agency_id, role=step.responsible_role, is_active=True).exclude(
        pk=event.actor_id).order_by("pk")[:MAX_OFFICIALS]
    values = {"code": event.dossier.code or "", "step": step.name, "due": date_text(step.due_at)}
    for official in officials:
        notify(event_key=f"dossier-event:{event.pk}", template="step.todo", values=values,
               recipient=recipient_for(user=official, zalo_possible=False), dossier_id=event.dossier_id)


def on_petition_event(event: PetitionEvent) -> None:
    """The citizen's e-mail of the events feedback.events.NOTIFIED names (written by feedback), and an SMS or
    Zalo message when their petition is answered or published."""
    if event.kind not in PETITION_TEMPLATES and event.kind not in petition_events.NOTIFIED:
        return
    with translation.override(settings.LANGUAGE_CODE):
        petition = event.petition
        email = petition_emails.event_email(event=event) if event.kind in petition_events.NOTIFIED else None
        recipient = recipient_for(user=petition.citizen, phone=petition.phone, email=petition.email)
        notify(event_key=f"petition-event:{event.pk}", template=PETITION_TEMPLATES.get(
               event.kind, f"petition.{event.kind}"), values={"code": petition.code}, recipient=recipient,
               petition_id=petition.pk, email=email)


def on_document_events(events: list[DocumentEvent]) -> None:
    """An incoming document given to officials: by the leader's direction (each official named on a line, and
    the heads of each unit named) or by a unit head's assignment to one of the unit."""
    for event in events:
        if event.kind not in (DocumentEvent.Kind.DIRECTED, DocumentEvent.Kind.ASSIGNED):
            continue
        with translation.override(settings.LANGUAGE_CODE):
            _document_assigned(event)


def _document_assigned(event: DocumentEvent) -> None:
    document = event.document
    if event.kind == DocumentEvent.Kind.ASSIGNED:
        assignments = Assignment.objects.filter(document=document, parent__isnull=False, user__isnull=False,
                                                assigned_by_id=event.actor_id).select_related("user").order_by("-pk")[:1]
    else:
        lines = len(event.data.get("lines", []))
        newest = Assignment.objects.filter(document=document, parent__isnull=True).order_by("-pk")[:lines]
        assignments = [a for a in newest.select_related("user") if a.user_id and a.role != Assignment.Role.INFORM]
    for assignment in assignments:
        values = {"number": str(document), "summary": document.subject,
                  "deadline": date_text(assignment.deadline) or "-"}
        notify(event_key=f"document-event:{event.pk}", template="document.assigned", values=values,
               recipient=recipient_for(user=assignment.user, zalo_possible=False))


def text_message_sender(*, phone: str, text: str, purpose: str) -> bool | None:
    from notifications.services import text_message_queue

    return text_message_queue(phone=phone, text=text, purpose=purpose)

