"""What the outgoing part of a document's page shows (templates/documents/includes/actions_outgoing.html):
the PDF to read (before the PIN), the actions the user may take now with their forms (the bound form of
one that was just refused), and the documents it answers, replaces or corrects."""

from django import template
from django.urls import reverse

from documents import outgoing_actions
from documents.models import DocumentFile
from documents.services.files import main_file
from signatures import selectors as signature_selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def outgoing_panel(context) -> dict:
    request, document = context["request"], context["document"]
    user = request.user
    failed, failed_form = context.get("outgoing_failed"), context.get("outgoing_form")
    current = main_file(document)
    actions = []
    for action in outgoing_actions.allowed(user, document):
        if action.name == failed and failed_form is not None:
            form = failed_form
        elif action.name == "number":
            form = action.form(document=document)
        elif action.name == "sign":
            form = action.form(initial={"expected_sha256": current.sha256 if current else ""})
        else:
            form = action.form()
        actions.append({"action": action, "form": form,
                        "url": reverse("documents:outgoing_act", kwargs={"uuid": document.uuid,
                                                                        "action": action.name})})
    signing = any(item["action"].name == "sign" for item in actions)
    no_certificate = signing and signature_selectors.signing_certificate_for(user) is None
    if no_certificate:  # no PIN field the leader cannot use: the warning says why, sending back stays
        actions = [item for item in actions if item["action"].name != "sign"]
    return {
        "no_certificate": no_certificate,
        "actions": actions, "current": current, "error": context.get("outgoing_error", ""), "failed": failed,
        "signing": signing,
        "may_revise": outgoing_actions.may_revise(user, document),
        "may_follow_up": outgoing_actions.may_follow_up(user, document),
        "replaced_by": list(document.replaced_by.filter(state="issued")),
        "corrected_by": list(document.corrected_by.filter(state="issued")),
        "drafts": list(document.files.filter(kind=DocumentFile.Kind.DRAFT).order_by("-version")),
    }
