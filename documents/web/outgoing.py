"""Pages of the outgoing flow: draft a document (with ``?reply_to=`` to answer an incoming one, ``?replaces=``
or ``?corrects=`` to follow an issued one up), revise it, act on it from its page (the registry of
documents.outgoing_actions), see its PDF, and the worklists.

A refused action shows the document's page again with the service's message, its field errors on the
form, and the error's status: 400 bad input, 403 not this official's to do, 409 someone acted first."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from documents import outgoing_actions, selectors
from documents.errors import DocumentError
from documents.models import Document
from documents.selectors import outgoing as outgoing_selectors
from documents.services import outgoing as services
from documents.web.common import documents_official_required, visible_document_or_404
from documents.web.outgoing_forms import DraftForm, initial_from
from portal.pagination import paginate
from signatures.errors import SignatureError
from units.models import Agency

PAGE_SIZE = 25
ERRORS = (DocumentError, SignatureError)


def _linked(user, uuid, *, direction: str) -> Document | None:
    """A document named in the query (to answer, replace or correct), if the user may see it."""
    try:
        document = visible_document_or_404(user, UUID(str(uuid))) if uuid else None
    except (Http404, ValueError):
        return None
    if document is None:
        return None
    return document if document.direction == direction else None


@documents_official_required
@require_http_methods(["GET", "POST"])
def new(request):
    """Dự thảo văn bản đi. The answered, replaced or corrected document comes in the query string."""
    source = request.POST if request.method == "POST" else request.GET
    links = {name: _linked(request.user, source.get(name), direction=direction) for name, direction in (
        ("reply_to", Document.Direction.INCOMING), ("replaces", Document.Direction.OUTGOING),
        ("corrects", Document.Direction.OUTGOING))}
    if request.method == "POST":
        form = DraftForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            try:
                document = services.outgoing_create(
                    actor=request.user, **form.details(), body=form.cleaned_data.get("body") or "",
                    upload=form.cleaned_data.get("file"), **links)
            except DocumentError as error:
                form.add_service_errors(error)
                return _draft_page(request, form, links=links, error=error.message, status=error.status_code)
            messages.success(request, _("The draft is saved. Check it, then send it for review."))
            return redirect("documents:detail", uuid=document.uuid)
        return _draft_page(request, form, links=links, error=_("Please correct the errors below."), status=400)
    return _draft_page(request, DraftForm(user=request.user, initial=_initial(request.user, links)), links=links)


def _initial(user, links: dict) -> dict:
    signers = list(outgoing_selectors.signers_for(user)[:2])
    initial = {"drafting_unit": getattr(outgoing_selectors.units_for(user).first(), "pk", None),
               "signer": signers[0].pk if len(signers) == 1 else None}
    answered, earlier = links["reply_to"], links["replaces"] or links["corrects"]
    if answered is not None:
        initial["subject"] = f"Trả lời {answered.subject}"[:500]
        initial["document_type"] = outgoing_selectors.letter_type_id()  # an answer is most often a công văn
        initial["urgency"], initial["reply_to"] = answered.urgency, answered.uuid
        sender = (answered.delivery.document.agency_id if answered.delivery_id else
                  Agency.objects.filter(code=answered.organ_id).values_list("pk", flat=True).first())
        if sender is not None:
            initial["agencies"] = [sender]
        elif answered.organ_name:  # an organisation outside the portal: over the exchange
            initial["outside"] = " | ".join(part for part in (answered.organ_id, answered.organ_name) if part)
    if earlier is not None:
        initial.update(initial_from(earlier))
        if links["corrects"] is not None:
            initial["document_type"] = outgoing_selectors.letter_type_id()
            initial["subject"] = f"Đính chính {earlier.document_type.name} số {earlier.number_display}"[:500]
            initial["body"] = ""
            initial["corrects"] = earlier.uuid
        else:
            initial["replaces"] = earlier.uuid
    return initial


def _draft_page(request, form, *, links: dict, document: Document | None = None, error: str = "",
                status: int = 200):
    return render(request, "documents/outgoing/draft.html", {
        "form": form, "document": document, "error": error, "reply_to": links.get("reply_to"),
        "replaces": links.get("replaces"), "corrects": links.get("corrects")}, status=status)


@documents_official_required
@require_http_methods(["GET", "POST"])
def edit(request, uuid):
    """The drafter revises a draft (or one sent back): a new body is a new version."""
    document = visible_document_or_404(request.user, uuid)
    if not outgoing_actions.may_revise(request.user, document):
        raise Http404
    if request.method == "POST":
        form = DraftForm(request.POST, request.FILES, user=request.user, revising=True)
        if form.is_valid():
            try:
                services.outgoing_revise(document=document, actor=request.user, note=form.cleaned_data.get("note"),
                                         body=form.cleaned_data.get("body"), upload=form.cleaned_data.get("file"),
                                         **form.details())
            except DocumentError as error:
                form.add_service_errors(error)
                return _draft_page(request, form, links={}, document=document, error=error.message,
                                   status=error.status_code)
            messages.success(request, _("Your changes are saved as a new version of the draft."))
            return redirect("documents:detail", uuid=document.uuid)
        return _draft_page(request, form, links={}, document=document, error=_("Please correct the errors below."),
                           status=400)
    form = DraftForm(user=request.user, revising=True, initial=initial_from(document))
    return _draft_page(request, form, links={}, document=document)


@documents_official_required
@require_POST
def act(request, uuid, action: str):
    chosen = outgoing_actions.BY_NAME.get(action)
    document = visible_document_or_404(request.user, uuid)
    if chosen is None or document.direction != Document.Direction.OUTGOING:
        raise Http404
    form = _action_form(chosen, document, request.POST)
    if not form.is_valid():
        return _failed(request, document, chosen, form, _("Please correct the errors below."), 400)
    values = dict(form.cleaned_data)
    if chosen.name == "issue":
        values.pop("note", None)
    try:
        document = chosen.perform(document=document, user=request.user, values=values)
    except ERRORS as error:
        form.add_service_errors(error)
        return _failed(request, document, chosen, form, error.message, error.status_code)
    messages.success(request, chosen.done(document))
    return redirect("documents:detail", uuid=document.uuid)


def _action_form(action, document: Document, data=None):
    if action.name == "number":
        return action.form(data, document=document)
    return action.form(data)


def _failed(request, document: Document, action, form, error: str, status: int):
    document.refresh_from_db()
    context = selectors.detail_context(request.user, document)
    context.update({"outgoing_failed": action.name, "outgoing_form": form, "outgoing_error": error})
    return render(request, "documents/detail.html", context, status=status)


@documents_official_required
@require_GET
def worklist(request, key: str):
    if key not in outgoing_selectors.worklist_keys(request.user):
        raise Http404
    rows = outgoing_selectors.worklist_page(request.user, key)
    return render(request, "documents/outgoing/list.html", {
        "worklist": outgoing_selectors.WORKLISTS[key], "key": key,
        **paginate(request, rows, per_page=PAGE_SIZE)})
