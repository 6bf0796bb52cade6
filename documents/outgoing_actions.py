"""Thao tác trên văn bản đi: every command on an outgoing document in one registry (STYLE.md: a workflow's
actions are one registry) — who may take it in which state, its service, its page form and its API input.
The document's page (templates/documents/includes/actions_outgoing.html), its POST handler and the API's
command endpoints all read it; the services check the same rules again under the row lock.

Drafting, revising, replacing and correcting have pages and endpoints of their own (they carry a whole
draft): documents/web/outgoing.py, documents/api/outgoing.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from documents import permissions
from documents.api import outgoing_inputs as inputs
from documents.errors import DocumentConflict, DocumentErrorCode
from documents.models import Document
from documents.services import outgoing as services
from documents.services.outgoing.common import S, is_drafter, reviews, signs
from documents.services.outgoing.recall import may_recall
from documents.web import outgoing_forms as forms


def _number(*, document: Document, actor: User, register=None, number=None, issue: bool = False) -> Document:
    if issue:
        return services.outgoing_number_and_issue(document=document, actor=actor, register=register, number=number)
    return services.outgoing_number(document=document, actor=actor, register=register, number=number)


def _issued(document: Document) -> str:
    """What the clerk is told on issuing: who has it already (in the portal) and who gets it over the axis
    (each outside organisation with a code; its statuses then show on the page)."""
    recipients = list(document.recipients.all())
    outside = any(not r.is_internal and r.external_organ_id for r in recipients)
    inside = any(r.is_internal for r in recipients)
    if outside and not inside:
        message = _("%(number)s was issued: it is on its way over the national document axis; each organisation's "
                    "answer shows under Recipients.")
    elif outside:
        message = _("%(number)s was issued: the recipients in the portal received it; the organisations outside "
                    "get it over the national document axis.")
    else:
        message = _("%(number)s was issued: the recipients in the portal received it.")
    return message % {"number": document.number_display}


@dataclass(frozen=True)
class Action:
    name: str
    label: Promise
    may: Callable[[User, Document], bool]
    service: Callable[..., Document]
    serializer: type
    form: type
    done: Callable[[Document], str]
    description: str
    intro: Promise | str = ""
    danger: bool = False

    @property
    def path(self) -> str:
        return self.name.replace("_", "-")

    def perform(self, *, document: Document, user: User, values: dict[str, Any]) -> Document:
        if document.result_of:
            raise DocumentConflict(_("This document is the result of dossier %(code)s: it is signed, numbered and "
                                     "issued at the steps of the dossier, on the dossier's page.")
                                   % {"code": document.result_of}, code=DocumentErrorCode.DOSSIER_RESULT)
        return self.service(document=document, actor=user, **values)


ACTIONS: tuple[Action, ...] = (
    Action(
        "submit", gettext_lazy("Send for review"),
        may=lambda u, d: d.state in (S.DRAFT, S.SENT_BACK) and is_drafter(u, d),
        service=services.outgoing_submit, serializer=inputs.OutgoingNoteSerializer, form=forms.NoteForm,
        done=lambda d: _("The draft was sent to the head of the unit for review.") if d.state == S.IN_REVIEW
        else _("The draft was sent to the leader to sign."),
        description="Trình: the drafter sends the draft to the head of the drafting unit (draft|sent_back → "
                    "in_review), or straight to the signing leader (→ to_sign) when the unit has no head or the "
                    "drafter heads it. 400 when it has no body or no recipient.",
        intro=gettext_lazy("The head of your unit reviews it, then the leader signs it."),
    ),
    Action(
        "approve", gettext_lazy("Approve for signature"),
        may=lambda u, d: d.state == S.IN_REVIEW and reviews(u, d),
        service=services.outgoing_approve, serializer=inputs.OutgoingNoteSerializer, form=forms.NoteForm,
        done=lambda d: _("Approved: the draft went to the leader to sign."),
        description="The head of the drafting unit approves the draft (in_review → to_sign).",
        intro=gettext_lazy("The leader will see it in the documents to sign."),
    ),
    Action(
        "sign", gettext_lazy("Sign"),
        may=lambda u, d: d.state == S.TO_SIGN and signs(u, d),
        service=services.outgoing_sign_with_pin, serializer=inputs.OutgoingSignSerializer, form=forms.SignForm,
        done=lambda d: _("Signed. The clerk now numbers and issues it."),
        description="The signing leader signs the draft with their certificate (`pin`; 400 signatures.wrong_pin, "
                    "409 signatures.token_locked): a certification signature that lets the clerk fill in the "
                    "number and date later (to_sign → signed). `expected_sha256`: the draft the leader looked "
                    "at (409 document.preview_stale if it changed).",
        intro=gettext_lazy("Read the document above first: you sign exactly this file."),
    ),
    Action(
        "send_back", gettext_lazy("Send back for changes"),
        may=lambda u, d: (d.state == S.IN_REVIEW and reviews(u, d)) or (d.state == S.TO_SIGN and signs(u, d)),
        service=services.outgoing_send_back, serializer=inputs.OutgoingSendBackSerializer, form=forms.SendBackForm,
        done=lambda d: _("The draft was sent back to its drafter."),
        description="The reviewing head (in_review) or the signing leader (to_sign) sends the draft back to its "
                    "drafter with what to change (→ sent_back).",
        intro=gettext_lazy("The drafter revises it and sends it on again."),
    ),
    Action(
        "number", gettext_lazy("Number and issue"),
        may=lambda u, d: d.state == S.SIGNED and not d.code_number and permissions.is_clerk(u, d.agency_id),
        service=_number, serializer=inputs.OutgoingNumberSerializer, form=forms.NumberForm,
        done=lambda d: _issued(d) if d.state == S.ISSUED else _("Numbered %(number)s. Issue it today.") % {
            "number": d.number_display},
        description="The clerk numbers the signed document in a register (default: the agency's register for its "
                    "kind and secrecy; a secret document only in a secret register: 400 document.wrong_register), "
                    "with the next number or one typed by hand (400 document.number_taken when it is used), "
                    "writes the number and date on its face and applies the agency's signature; with "
                    "`issue`, issues it at once.",
        intro=gettext_lazy("The number and the date are written on the document; the agency's digital signature "
                           "covers it."),
    ),
    Action(
        "issue", gettext_lazy("Issue"),
        may=lambda u, d: d.state == S.SIGNED and bool(d.code_number) and permissions.is_clerk(u, d.agency_id),
        service=services.outgoing_issue, serializer=inputs.OutgoingNoteSerializer, form=forms.NoteForm,
        done=_issued,
        description="The clerk issues the numbered document (signed → issued): agencies and units in the portal "
                    "receive their incoming copy at once; organisations outside are queued for the national "
                    "document axis. The `note` is ignored.",
    ),
    Action(
        "recall", gettext_lazy("Recall"),
        may=lambda u, d: d.state == S.ISSUED and may_recall(u, d),
        service=services.outgoing_recall, serializer=inputs.OutgoingRecallSerializer, form=forms.RecallForm,
        done=lambda d: _("%(number)s was recalled; the recipients' copies were withdrawn.")
        % {"number": d.number_display},
        description="Thu hồi (Art. 18.4.b): a leader or clerk recalls the issued document with the reason; it is "
                    "frozen, and every recipient's copy in the portal is withdrawn (its files deleted, the recall "
                    "kept in its trail).",
        intro=gettext_lazy("Every recipient's copy is withdrawn; this document is kept as it is and can no longer "
                           "change."),
        danger=True,
    ),
)

BY_NAME: dict[str, Action] = {action.name: action for action in ACTIONS}
assert len(BY_NAME) == len(ACTIONS), "two actions share a name"


def allowed(user: User, document: Document) -> list[Action]:
    if document.direction != Document.Direction.OUTGOING or document.is_frozen or document.result_of:
        return []
    return [action for action in ACTIONS if action.may(user, document)]


def may_revise(user: User, document: Document) -> bool:
    return document.state in (S.DRAFT, S.SENT_BACK) and is_drafter(user, document)


def may_follow_up(user: User, document: Document) -> bool:
    """Replace or correct it (Art. 18.3): an official of its agency, once it is issued."""
    return (document.state == S.ISSUED and not document.result_of
            and permissions.is_agency_official(user, document.agency_id))
