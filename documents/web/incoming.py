"""Pages of the incoming flow: the worklists, receiving a paper document (and registering it in the same form),
the actions on a document's page (check, register, return, direct, assign, comment, complete), and the
printable phiếu giải quyết văn bản đến. Thin: a form in, a service call, a message out."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from documents import selectors
from documents.deadlines import soon_limit, today
from documents.errors import DocumentError
from documents.incoming_rules import RULES, Situation
from documents.models import DocumentEvent
from documents.selectors import incoming as incoming_selectors
from documents.services import handling, incoming
from documents.uploads import check_pdf
from documents.web import forms_incoming as forms
from documents.web.common import documents_official_required, visible_document_or_404

PER_PAGE = 25


@documents_official_required
@require_GET
def worklist(request):
    keys = incoming_selectors.queues_of(request.user)
    key = request.GET.get("queue") or (keys[0] if keys else "")
    if key not in keys:
        raise Http404
    documents = incoming_selectors.queue_documents(request.user, key)
    page = Paginator(documents, PER_PAGE).get_page(request.GET.get("page"))
    day, limit = today(), soon_limit()
    return render(request, "documents/incoming/list.html", {
        "queue": incoming_selectors.QUEUES[key], "queues": [incoming_selectors.QUEUES[k] for k in keys],
        "page_obj": page, "soon_limit": limit, "filters": {"queue": key},
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "due_counts": incoming_selectors.counts_due(documents, today=day, limit=limit),
    })


@documents_official_required
@require_http_methods(["GET", "POST"])
def receive(request):
    """Tiếp nhận văn bản giấy: the clerk scans and uploads the document, types its metadata and (by default)
    registers it in the same step."""
    agency_id = request.user.agency_id
    if request.user.role != request.user.Role.CLERK:
        raise Http404
    if request.method == "GET":
        return render(request, "documents/incoming/receive.html",
                      {"form": forms.ReceivePaperForm(agency_id=agency_id)})
    form = forms.ReceivePaperForm(request.POST, request.FILES, agency_id=agency_id)
    try:
        if not form.is_valid():
            raise DocumentError(_("Please correct the errors below."))
        checked = check_pdf(form.cleaned_data["file"], label=str(form.fields["file"].label))
        document = incoming.incoming_receive_paper(clerk=request.user, file=checked, **form.values())
    except DocumentError as error:
        form.add_service_errors(error)
        return render(request, "documents/incoming/receive.html", {"form": form, "error": error.message},
                      status=error.status_code)
    if form.cleaned_data.get("register_now"):
        try:
            document = incoming.incoming_register(
                document=document, clerk=request.user, register=form.cleaned_data.get("register"),
                present_to=form.cleaned_data.get("present_to"),
                confirm_duplicate=bool(form.cleaned_data.get("confirm_duplicate")))
        except DocumentError as error:
            # Received, not registered: the document's page says why and offers to register or return it.
            messages.warning(request, _("Received, not registered yet: %(reason)s") % {"reason": error.message})
            return redirect("documents:detail", uuid=document.uuid)
        messages.success(request, _("Registered with incoming number %(number)s.")
                         % {"number": document.arrival_number})
    else:
        messages.success(request, _("Received: it waits in the list to register."))
    if request.POST.get("next") == "another":
        return redirect("documents:incoming_receive")
    return redirect("documents:detail", uuid=document.uuid)


def action_form(name: str, situation: Situation, data=None):
    """The form of an action on the document's page (None: a button alone)."""
    document = situation.document
    if name == "register":
        return forms.RegisterForm(data, document=document,
                                  duplicates=incoming.duplicates_of(document).exists())
    if name == "refuse":
        return forms.RefuseForm(data)
    if name == "direct":
        return forms.DirectForm(data, document=document, user=situation.user)
    if name == "assign":
        return forms.AssignForm(data, situation=situation)
    if name == "comment":
        return forms.CommentForm(data)
    if name == "complete":
        return forms.CompleteForm(data, situation=situation)
    return None


def _perform(name: str, document, user, values: dict):
    if name == "check":
        incoming.incoming_check(document=document, actor=user)
        return _("Checked again.")
    if name == "register":
        document = incoming.incoming_register(document=document, clerk=user, **values)
        return _("Registered with incoming number %(number)s.") % {"number": document.arrival_number}
    if name == "refuse":
        incoming.incoming_refuse(document=document, clerk=user, **values)
        return _("Returned to the sender with your reason.")
    if name == "direct":
        handling.incoming_direct(document=document, actor=user, **values)
        return _("Directed: the units and officials see it in their lists.")
    if name == "assign":
        handling.incoming_assign(document=document, head=user, **values)
        return _("Assigned within your unit.")
    if name == "comment":
        handling.incoming_comment(document=document, actor=user, **values)
        return _("Comment recorded.")
    if name == "complete":
        document = handling.incoming_complete(document=document, actor=user, **values)
        return _("Done: the document is closed.") if document.state == document.State.DONE else _(
            "Your part is done.")
    raise Http404


@documents_official_required
@require_POST
def act(request, uuid, action: str):
    if action not in RULES or action == "reply":
        raise Http404
    document = visible_document_or_404(request.user, uuid)
    situation = Situation.of(request.user, document)
    form = action_form(action, situation, request.POST)
    try:
        if form is not None and not form.is_valid():
            raise DocumentError(_("Please correct the errors below."))
        message = _perform(action, document, request.user, form.values() if form is not None else {})
    except DocumentError as error:
        if form is not None:
            form.add_service_errors(error)
        context = {**selectors.detail_context(request.user, document), "failed": action, "failed_form": form,
                   "error": error.message}
        return render(request, "documents/detail.html", context, status=error.status_code)
    messages.success(request, message)
    if request.POST.get("next") == "list" and action in ("register", "refuse"):
        return redirect(f"{reverse('documents:incoming')}?queue=to_register")
    return redirect("documents:detail", uuid=document.uuid)


@documents_official_required
@require_GET
def direction_slip(request, uuid):
    """Phiếu giải quyết văn bản đến (Appendix IV), to print."""
    document = visible_document_or_404(request.user, uuid, record_view=True)
    if document.direction != document.Direction.INCOMING:
        raise Http404
    context = selectors.detail_context(request.user, document)
    trail = context["trail"]
    context.update({
        "direction": next((e for e in reversed(trail) if e.kind == DocumentEvent.Kind.DIRECTED), None),
        "proposals": [e for e in trail if e.kind in (DocumentEvent.Kind.COMMENTED, DocumentEvent.Kind.COMPLETED)],
        "top": [a for a in context["assignments"] if a.parent_id is None],
        "given": [a for a in context["assignments"] if a.parent_id is not None],
    })
    return render(request, "documents/incoming/slip.html", context)
