"""Template helpers of the incoming pages: a deadline with its due-soon / overdue flag, the integrity and
signature check in words, and the actions open on a document's page."""

from __future__ import annotations

import datetime as dt

from django import template
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from documents.deadlines import due_status
from documents.incoming_rules import RULES, Situation, allowed
from documents.models import Document, DocumentEvent
from portal.dates import date_text
from units.validators import agency_code_printed

register = template.Library()


@register.filter
def organ_code_printed(code: str) -> str:
    """An outside organisation's code as the axis and the letter write it (``G09`` → ``000.00.00.G09``)."""
    try:
        return agency_code_printed(code) if code else ""
    except ValidationError:
        return code


@register.simple_tag
def deadline(value: dt.date | None, limit: dt.date | None = None) -> SafeString | str:
    """``<span class="due due--late"><time datetime="2026-02-23">23/02/2026</time> <strong>Overdue</strong>
    </span>`` ("" without a deadline). A tag: worklists show it on every row."""
    if value is None:
        return ""
    status = due_status(value, limit=limit)
    flag = _("Overdue") if status == "late" else _("Due soon") if status == "soon" else ""
    return format_html('<span class="due due--{}"><time datetime="{}">{}</time>{}</span>', status or "none",
                       value.isoformat(), date_text(value),
                       format_html(' <strong class="due__flag">{}</strong>', flag) if flag else "")


CHECK_TONES = {Document.Check.VALID: "ok", Document.Check.UNSIGNED: "info", Document.Check.UNTRUSTED: "warn",
               Document.Check.ALTERED: "bad", Document.Check.UNCHECKED: "warn"}


@register.filter
def check_tone(document: Document) -> str:
    return CHECK_TONES.get(document.check_status, "info")


@register.filter
def check_explained(document: Document) -> list[str]:
    """What the check found, one sentence per finding, in the reader's language."""
    report, status = document.check_report or {}, document.check_status
    if not status:
        return [_("The check runs in a moment.")]
    error = report.get("error")
    if error == "missing":
        return [_("The document arrived without its file.")]
    if error == "unreadable":
        return [_("The file is not a PDF document that can be read.")]
    if error == "no_authority":
        return [_("The signatures could not be checked: the certificate authority is not set up.")]
    if error == "unsigned":
        return [_("The file carries no digital signature (a scanned paper document has none).")
                if document.channel == Document.Channel.PAPER else
                _("The file carries no digital signature, though it came electronically.")]
    lines = []
    for item in report.get("signatures", []):
        # An organisation's certificate names it twice (its holder and its organisation): say it once.
        who = ", ".join(dict.fromkeys(part for part in (item.get("signer"), item.get("organisation")) if part)
                        ) or _("unknown")
        signed = dt.datetime.fromisoformat(item["signed_at"]) if item.get("signed_at") else None
        if not (item.get("intact") and item.get("unchanged_since")):
            finding = _("the document was changed after this signature")
        elif not item.get("chains_to_root"):
            finding = _("the certificate is not from an authority the portal trusts")
        elif not item.get("valid_at_signing"):
            finding = _("the certificate was not valid when it signed")
        else:
            finding = _("valid")
        lines.append(_("Signed by %(who)s%(when)s: %(finding)s.") % {
            "who": who, "finding": finding, "when": (" " + _("on %(date)s") % {"date": date_text(signed)})
            if signed else ""})
    return lines


def reply_url(document: Document) -> str:
    """The outgoing flow's drafting page, answering ``document`` (empty until that page exists)."""
    try:
        return f"{reverse('documents:outgoing_new')}?reply_to={document.uuid}"
    except NoReverseMatch:
        return ""


@register.inclusion_tag("documents/incoming/_actions.html", takes_context=True)
def incoming_actions(context) -> dict:
    """The incoming document's actions open to the user now, each with its form (the one that just failed
    keeps its input and errors)."""
    from documents.services.incoming import duplicates_of
    from documents.web.incoming import action_form

    request, document = context["request"], context["document"]
    situation = Situation.of(request.user, document)
    failed = context.get("failed")
    panels, check_url = [], ""
    for name, rule in RULES.items():
        if not allowed(name, situation):
            continue
        if name == "check":  # shown with the check itself
            check_url = reverse("documents:incoming_act", args=[document.uuid, name])
            continue
        url = reply_url(document) if name == "reply" else reverse("documents:incoming_act",
                                                                   args=[document.uuid, name])
        if not url:
            continue
        form = context.get("failed_form") if failed == name else action_form(name, situation)
        panels.append({"name": name, "label": rule.label, "url": url, "form": form,
                       "collapsed": name == "comment" or (name == "complete" and allowed("assign", situation))})
    direction = (document.events.filter(kind=DocumentEvent.Kind.DIRECTED).select_related("actor").order_by("-at")
                 .first() if document.state in (Document.State.DIRECTED, Document.State.IN_PROGRESS,
                                                Document.State.DONE) else None)
    duplicates = list(duplicates_of(document)[:5]) if document.state == Document.State.ARRIVED else []
    return {"document": document, "panels": panels, "check_url": check_url, "direction": direction, "failed": failed, "error": context.get("error"),
            "duplicates": duplicates, "request": request, "csrf_token": context.get("csrf_token")}


@register.filter
def axis_package(document: Document) -> str:
    """A document from the national document axis came in a package whose XML signature the axis app checked
    against the roots trusted for outside organisations (axis.receiving): say so beside the PDF's own check,
    which knows only the portal's authority. Read through the reverse relation the axis app declares."""
    received = getattr(document, "axis_messages", None)
    package = received.filter(kind="edoc").order_by("id").first() if received is not None else None
    if package is None or not package.signer:
        return _("Arrived over the national document axis.")
    return _("Arrived over the national document axis in a package whose digital signature was verified: signed "
             "by %(who)s, with a certificate from an authority trusted for organisations outside the province.") % {
        "who": _common_name(package.signer)}


def _common_name(subject: str) -> str:
    for part in subject.split(","):
        name, _equals, value = part.partition("=")
        if name.strip().upper() == "CN":
            return value.strip().replace("\\", "")
    return subject
