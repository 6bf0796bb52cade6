"""The applicant's email at submission, receipt, supplement request, extension, result, refusal and stop. The
notifications app renders it (``event_email``) into its outbox in the event's transaction and sends it after
the transition commits, so a slow mail server never holds a dossier back."""

from urllib.parse import quote

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from dossiers.models import DossierEvent


def event_email(*, event: DossierEvent) -> tuple[str, str] | None:
    """The subject and body of the email for ``event``; None when there is nothing to send (no address)."""
    dossier = event.dossier
    if not dossier.applicant_email:
        return None
    # Notices go out in Vietnamese, the official language of the administration.
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "event": event, "dossier": dossier, "site_url": settings.SITE_URL.rstrip("/"),
            "track_path": _track_path(dossier),
        }
        subject = render_to_string("dossiers/email/subject.txt", context).strip()
        body = render_to_string(f"dossiers/email/{event.kind}.txt", context)
    return " ".join(subject.split()), body


def event_notify(*, event: DossierEvent) -> bool:
    """Send the email for ``event`` now; False when there is nothing to send (no address)."""
    email = event_email(event=event)
    if email is None:
        return False
    send_mail(email[0], email[1], settings.DEFAULT_FROM_EMAIL, [event.dossier.applicant_email])
    return True


def _track_path(dossier) -> str:
    """The public lookup by code (every dossier has one from its submission); without one (a dossier of old
    data), the applicant's own page behind their login: never a lookup link without a code."""
    if dossier.code:
        return reverse("dossiers:lookup") + f"?code={quote(dossier.code)}"
    return reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})
