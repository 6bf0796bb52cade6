"""The texts of notifications, one per kind of message, in Vietnamese (the administration's language; English
msgids). Each names the values that may be shortened to fit one SMS segment — a procedure's name, a reason, a
summary — and never a code, a date or an amount (notifications.smstext)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from notifications import smstext


@dataclass(frozen=True)
class Template:
    text: str
    subject: str
    shortenable: tuple[str, ...] = ()
    zalo: str = ""  # the family of ZNS template (settings.ZALO_TEMPLATES), "" when not sent by Zalo


TEMPLATES: dict[str, Template] = {
    "dossier.received": Template(
        _("Dossier %(code)s (%(procedure)s) has been received. Result due on %(due)s."),
        _("Dossier %(code)s received"), ("procedure",), "dossier"),
    "dossier.supplement_requested": Template(
        _("Dossier %(code)s needs a supplement: %(reason)s. Please supplement it by the portal or at the centre."),
        _("Dossier %(code)s: supplement requested"), ("reason",), "dossier"),
    "dossier.result_ready": Template(
        _("The result of dossier %(code)s (%(procedure)s) is ready."),
        _("Dossier %(code)s: result ready"), ("procedure",), "dossier"),
    "dossier.returned": Template(
        _("The result of dossier %(code)s has been returned. Thank you; please rate the service on the portal."),
        _("Dossier %(code)s: result returned"), (), "dossier"),
    "dossier.paid": Template(
        _("Payment of %(amount)s for dossier %(code)s has been received."),
        _("Dossier %(code)s: fees paid"), (), "dossier"),
    "petition.answered": Template(
        _("Your petition %(code)s has been answered. Please read the answer on the portal."),
        _("Petition %(code)s answered"), (), "petition"),
    "petition.published": Template(
        _("The answer to petition %(code)s has been published on the portal."),
        _("Petition %(code)s: answer published"), (), "petition"),
    "document.assigned": Template(
        _("Document %(number)s (%(summary)s) is assigned to you, deadline %(deadline)s."),
        _("Document %(number)s assigned to you"), ("summary",)),
    "step.todo": Template(
        _("Dossier %(code)s is waiting for you at step: %(step)s. Due %(due)s."),
        _("Dossier %(code)s: a step to do"), ("step",)),
    "step.due_soon": Template(
        _("Dossier %(code)s, step %(step)s, is due %(due)s."),
        _("Dossier %(code)s: due soon"), ("step",)),
    "step.overdue": Template(
        _("Dossier %(code)s, step %(step)s, is overdue since %(due)s."),
        _("Dossier %(code)s: overdue"), ("step",)),
    "document.due_soon": Template(
        _("Document %(number)s (%(summary)s) is due %(deadline)s."),
        _("Document %(number)s: due soon"), ("summary",)),
    "document.overdue": Template(
        _("Document %(number)s (%(summary)s) is overdue since %(deadline)s."),
        _("Document %(number)s: overdue"), ("summary",)),
}


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str  # as it reads, with diacritics (e-mail, Zalo, the status panel)
    sms: str  # as it is sent by SMS (settings.SMS_ENCODING), fitted
    segments: int


def render(key: str, values: dict[str, str]) -> Rendered:
    template = TEMPLATES[key]
    with translation.override(settings.LANGUAGE_CODE):
        text, subject = str(template.text), str(template.subject)
        fitted = smstext.fit(text, values, shortenable=template.shortenable, encoding=settings.SMS_ENCODING)
        return Rendered(subject=subject % values, text=text % values, sms=fitted.text, segments=fitted.segments)


def zalo_template_id(key: str) -> str:
    """The approved ZNS template for this kind of message; "" when there is none (then SMS)."""
    family = TEMPLATES[key].zalo
    ids = dict(pair.split("=", 1) for pair in settings.ZALO_TEMPLATES.split(",") if "=" in pair)
    return ids.get(family, "").strip() if family else ""
