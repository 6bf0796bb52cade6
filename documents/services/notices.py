"""E-mails of the incoming flow that cannot wait for anyone to open a list: an urgent document (hỏa tốc,
thượng khẩn, khẩn) is presented to the leader the moment it is registered (Decree 30/2020 art. 4.2.c, 23.1).
Sent after the registration commits, so a slow mail server never holds the clerk back."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts.models import User
from documents.models import Document


def urgent_present(document: Document, *, leader: User | None) -> None:
    """E-mail the leader it is presented to, or else every leader of the agency (a secret document goes to
    its own leader only: it is never announced to others)."""
    if leader is not None:
        leaders = [leader]
    elif document.is_secret:
        return
    else:
        leaders = list(User.objects.filter(agency_id=document.agency_id, role=User.Role.LEADER, is_active=True))
    addresses = sorted({user.email for user in leaders if user.email})
    if addresses:
        transaction.on_commit(lambda: _send(document.pk, addresses), robust=True)


def _send(document_id: int, addresses: list[str]) -> None:
    document = Document.objects.select_related("agency").get(pk=document_id)
    with translation.override(settings.LANGUAGE_CODE):
        context = {"document": document,
                   "url": settings.SITE_URL.rstrip("/") + reverse("documents:detail", args=[document.uuid])}
        subject = render_to_string("documents/email/urgent_subject.txt", context).strip()
        body = render_to_string("documents/email/urgent.txt", context)
    send_mail(" ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, addresses)
