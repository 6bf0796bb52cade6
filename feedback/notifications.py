"""E-mails about petitions: the receipt with the code to track it by, the refusal, the request for more, the
forward, the answer and its publication to the citizen; an escalation to the agency's leaders or the
provincial admins. Sent by Celery tasks after the change commits, in Vietnamese (the administration's
language)."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from feedback.models import Petition, PetitionEvent

Kind = PetitionEvent.Kind


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT") if value else "—"


def _lines(event: PetitionEvent) -> list[str]:
    petition = event.petition
    if event.kind == Kind.SUBMITTED:
        return [_("Your petition “%(title)s” was received at %(at)s with the code %(code)s.")
                % {"title": petition.title, "at": _date(petition.submitted_at), "code": petition.code},
                _("%(agency)s will answer by %(due)s at the latest.")
                % {"agency": petition.agency.name, "due": _date(petition.due_at)}]
    if event.kind == Kind.REFUSED:
        return [_("Your petition %(code)s was not accepted, for this reason:") % {"code": petition.code},
                petition.refusal_reason]
    if event.kind == Kind.INFO_REQUESTED:
        return [_("To handle your petition %(code)s, %(agency)s asks you for this:")
                % {"code": petition.code, "agency": petition.agency.name}, petition.info_request,
                _("Answer on the petition's page (the link below), or call the hotline. The handling time "
                  "stands still until you answer.")]
    if event.kind == Kind.FORWARDED:
        return [_("Your petition %(code)s was forwarded to %(agency)s, which is competent to handle it.")
                % {"code": petition.code, "agency": petition.forwarded_to}]
    if event.kind == Kind.ANSWERED:
        return [_("%(agency)s has answered your petition %(code)s:")
                % {"agency": petition.agency.name, "code": petition.code}, petition.answer,
                _("Tell us on the petition's page whether the answer satisfies you.")]
    if event.kind == Kind.PUBLISHED:
        return [_("The answer to your petition %(code)s is now published, without your personal data, on the "
                  "portal's page of answered petitions.") % {"code": petition.code}]
    return []


def track_url(petition: Petition) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("feedback:track") + f"?code={quote(petition.code)}"


def event_email(*, event: PetitionEvent) -> tuple[str, str] | None:
    """The subject and body of the citizen's email about ``event``; None when there is none (no address, an
    event they are not told of). The notifications app sends it through its outbox."""
    petition = event.petition
    if not petition.email:
        return None
    with translation.override(settings.LANGUAGE_CODE):
        lines = _lines(event)
        if not lines:
            return None
        subject = _("Petition %(code)s: %(what)s") % {"code": petition.code, "what": event.get_kind_display()}
        body = "\n\n".join([_("Dear %(name)s,") % {"name": petition.name}, *lines,
                            _("Follow your petition: %(url)s") % {"url": track_url(petition)},
                            _("This message was sent by the province's public administration portal; do not "
                              "reply to it.")])
    return subject, body + "\n"


def event_notify(*, event: PetitionEvent) -> bool:
    email = event_email(event=event)
    if email is None:
        return False
    send_mail(email[0], email[1], settings.DEFAULT_FROM_EMAIL, [event.petition.email])
    return True


def escalation_recipients(petition: Petition, level: int) -> list[str]:
    users = User.objects.filter(is_active=True).exclude(email="")
    if level <= 1:
        users = users.filter(agency_id=petition.agency_id, role=User.Role.LEADER)
    else:
        users = users.filter(role=User.Role.ADMIN)
    return sorted(set(users.values_list("email", flat=True)))


def escalation_notify(*, event: PetitionEvent) -> bool:
    petition = event.petition
    level = int(event.data.get("level", 1))
    recipients = escalation_recipients(petition, level)
    if not recipients:
        return False
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Overdue petition %(code)s") % {"code": petition.code}
        body = "\n\n".join([
            _("Petition %(code)s (“%(title)s”) at %(agency)s is past its deadline of %(deadline)s, in the state "
              "“%(state)s”.") % {"code": petition.code, "title": petition.title, "agency": petition.agency.name,
                                 "deadline": _date(petition.deadline_at), "state": petition.get_state_display()},
            _("It has been escalated to you. Open it: %(url)s") % {
                "url": settings.SITE_URL.rstrip("/") + reverse("feedback:detail", kwargs={"uuid": petition.uuid})},
        ])
    send_mail(subject, body + "\n", settings.DEFAULT_FROM_EMAIL, recipients)
    return True
