"""Emails of the outgoing flow: the official who must act next is told that a document waits for them — the
unit head to review, the leader to sign, the clerk to number and issue, the drafter when it was sent back or
issued, the clerks of the agencies that received it. Urgent documents are flagged first in the subject; a
secret one is never described in an email, only pointed to."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from documents.models import Document
from documents.services.outgoing.common import URGENCY_MARKS


def _officials(**filters) -> list[User]:
    return list(User.objects.filter(is_active=True, **filters).exclude(email=""))


def _addressed(document: Document, what: str) -> list[User]:
    if what == "to_review":
        return _officials(unit_memberships__unit_id=document.drafting_unit_id, unit_memberships__is_head=True)
    if what == "to_sign":
        return _officials(pk=document.signer_id)
    if what == "to_issue":
        return _officials(agency_id=document.agency_id, role=User.Role.CLERK)
    if what in ("sent_back", "issued", "recalled"):
        return _officials(pk=document.created_by_id)
    return []


def outgoing_notify(*, document: Document, what: str, copies: list[int]) -> int:
    """Send the emails for ``what`` happened to ``document`` (and, on issue, to the agencies whose incoming
    ``copies`` arrived); how many were sent."""
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for user in _addressed(document, what):
            sent += _send(document, what, user)
        for copy in Document.objects.filter(pk__in=copies).select_related("agency"):
            for clerk in _officials(agency_id=copy.agency_id, role=User.Role.CLERK):
                sent += _send(copy, "arrived", clerk)
    return sent


def _send(document: Document, what: str, user: User) -> int:
    titles = {
        "to_review": _("A draft document waits for your review"),
        "to_sign": _("A document waits for your signature"),
        "to_issue": _("A signed document waits for its number and issue"),
        "sent_back": _("Your draft document was sent back"),
        "issued": _("Your document was issued"),
        "recalled": _("Your document was recalled"),
        "arrived": _("An incoming document arrived"),
    }
    mark = URGENCY_MARKS.get(document.urgency, "")
    subject = f"[{mark}] {titles[what]}" if mark else titles[what]
    context = {"user": user, "document": document, "title": titles[what], "mark": mark,
               "url": settings.SITE_URL.rstrip("/") + reverse("documents:detail", kwargs={"uuid": document.uuid})}
    body = render_to_string("documents/email/outgoing.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return 1
