"""Template helpers for dossier pages: the state badge's tone and the due date's status."""

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from dossiers.models import Dossier
from portal.dates import datetime_text
from procedures.eforms import answers_display

register = template.Library()

_TONES = {
    Dossier.State.DRAFT: "none",
    Dossier.State.SUBMITTED: "partial",
    Dossier.State.SUPPLEMENT_REQUESTED: "warn",
    Dossier.State.RECEIVED: "partial",
    Dossier.State.IN_PROGRESS: "partial",
    Dossier.State.RESULT_READY: "full",
    Dossier.State.RETURNED: "full",
    Dossier.State.REFUSED: "bad",
    Dossier.State.STOPPED: "bad",
    Dossier.State.WITHDRAWN: "none",
}


@register.filter
def state_tone(state: str) -> str:
    """CSS modifier of a state's badge: ``badge--{tone}``."""
    return _TONES.get(state, "none")


@register.simple_tag
def due_status(dossier_or_step, soon_limit=None) -> str:
    """"late", "soon" (due by ``soon_limit``), "on_time", or "" when there is no running clock."""
    due = getattr(dossier_or_step, "due_at", None)
    if due is None:
        return ""
    if isinstance(dossier_or_step, Dossier):
        if dossier_or_step.is_late():
            return "late"
        if dossier_or_step.state not in Dossier.PROCESSING_STATES:
            return "on_time" if dossier_or_step.result_ready_at else ""
    elif dossier_or_step.is_late():
        return "late"
    if soon_limit and due <= soon_limit:
        return "soon"
    return "on_time" if due >= timezone.now() else "late"


@register.simple_tag
def due(item, soon_limit=None) -> SafeString | str:
    """The due date with its flag: ``<span class="due due--late"><time ...>17:00 04/12/2026</time>
    <strong>Overdue</strong></span>`` ("" without a due date). A tag rather than an included template:
    worklists show it on every row."""
    if item.due_at is None:
        return ""
    status = due_status(item, soon_limit)
    moment = timezone.localtime(item.due_at)
    flag = _("Overdue") if status == "late" else _("Due soon") if status == "soon" else ""
    return format_html(
        '<span class="due due--{}"><time datetime="{}">{}</time>{}</span>', status or "none",
        moment.isoformat(), datetime_text(moment),
        format_html(' <strong class="due__flag">{}</strong>', flag) if flag else "",
    )


@register.inclusion_tag("dossiers/includes/form_answers.html")
def form_answers(dossier: Dossier, heading_id: str = "form-answers-title") -> dict:
    """The e-form's answers (tờ khai) by section, labelled and dated in the reader's language (12/10/2025, 12 Oct 2025);
    nothing when the procedure has no e-form."""
    definition = list(dossier.procedure_version.form_fields.all())
    return {"sections": answers_display(definition, dossier.form_data) if definition else [],
            "has_form": bool(definition), "heading_id": heading_id, "dossier": dossier}
