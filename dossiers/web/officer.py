"""The officials' pages: the one-stop desk (hồ sơ chờ kiểm tra), "my work" (việc của tôi), the search,
and the dossier page with the actions this official may take now. The counter intake is in
officer_counter.py, the actions' POST handlers in officer_actions.py."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.models import User
from documents import permissions as document_permissions
from documents.services.files import main_file
from documents.services.outgoing import registers_for
from documents.services.outgoing.prepared import DEFAULT_REGISTER
from dossiers import actions, selectors
from dossiers.actions import Action, Scope
from dossiers.errors import DossierNotFound
from dossiers.models import Dossier, DossierStep
from dossiers.services import (
    completing_needs_result,
    completing_numbers_result,
    drafting_step,
    numbering_step,
    result_step,
)
from dossiers.slips import slip_forms
from dossiers.web import officer_forms as f
from dossiers.web.panels import dossier_panels
from portal.pagination import page_context, paginate
from procedures.models import ProcedureVersion

PAGE_SIZE = 25


def official_required(*, officer: bool = False):
    """Anonymous visitors log in; citizens (and, for the desk and the counter, officials who are not a
    centre's one-stop officers) get 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapper(request, *args, **kwargs):
            user = request.user
            if not user.is_official or (officer and not (user.role == User.Role.OFFICER and user.centre_id)):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


@official_required(officer=True)
@require_GET
def desk(request):
    """Bàn một cửa: the centre's queues (awaiting the check, supplemented and back, results to return, the
    officer's own), each tab with its count; a search box narrows the open tab."""
    queue = request.GET.get("queue") or selectors.DeskQueue.CHECK
    if queue not in selectors.DeskQueue.values:
        queue = selectors.DeskQueue.CHECK
    form = f.DeskSearchForm(request.GET)
    query = form.cleaned_data.get("q", "") if form.is_valid() else ""
    dossiers = selectors.desk_queue(user=request.user, queue=queue, filters=selectors.DossierFilters(query=query))
    filters = QueryDict(mutable=True)
    filters.update({key: value for key, value in (("queue", queue), ("q", query)) if value})
    context = paginate(request, dossiers, per_page=PAGE_SIZE, filters=filters)
    counts = selectors.desk_counts(user=request.user)
    context.update(form=form, queue=queue, query=query, soon_limit=selectors.due_soon_limit(timezone.now()),
                   tabs=[(choice.value, choice.label, counts[choice.value]) for choice in selectors.DeskQueue],
                   queue_label=selectors.DeskQueue(queue).label)
    return render(request, "dossiers/officer/desk.html", context)


@official_required()
@require_GET
def work(request):
    """Việc của tôi: the current steps at the official's agency in their role, soonest due first."""
    page = selectors.agency_worklist(user=request.user, page=request.GET.get("page"), per_page=PAGE_SIZE)
    context = page_context(page)
    context["soon_limit"] = selectors.due_soon_limit(timezone.now())
    return render(request, "dossiers/officer/work.html", context)


@official_required()
@require_GET
def search(request):
    visible = Dossier.objects.visible_to(request.user)
    # The procedures of the dossiers this official sees (one name per code: the newest version's).
    versions = (ProcedureVersion.objects.filter(pk__in=visible.values("procedure_version"))
                .select_related("procedure").order_by("procedure__code", "number"))
    procedures = {v.procedure.code: v.display_name for v in versions}.items()
    form = f.SearchForm(request.GET, procedures=procedures)
    filters = form.filters()
    dossiers = selectors.dossier_list_for_official(user=request.user, filters=filters)
    context = paginate(request, dossiers, per_page=PAGE_SIZE, filters=form.as_querydict())
    context.update(form=form, soon_limit=selectors.due_soon_limit(timezone.now()),
                   is_filtered=bool(context["filters"]))
    return render(request, "dossiers/officer/search.html", context)


def detail(request, uuid, *, failed: str = "", form=None, error=None, status: int = 200):
    """The dossier page for an official (the citizen pages' ``detail`` URL calls this for officials).
    After a refused action it is shown again with that action's form and the service's message."""
    if not request.user.is_authenticated or not request.user.is_official:
        raise Http404
    try:
        dossier = selectors.dossier_get_for(user=request.user, uuid=uuid)
    except DossierNotFound as exc:
        raise Http404(exc.message) from None
    context = detail_context(request.user, dossier, failed=failed, form=form)
    context.update(error=error, failed=failed, extra_panels=dossier_panels(request, dossier))
    return render(request, "dossiers/officer/detail.html", context, status=status)


def detail_context(user: User, dossier: Dossier, *, failed: str = "", form=None) -> dict:
    steps = list(dossier.steps.all())
    _label_roles(steps)
    current = selectors.current_step(dossier)
    offered = sorted((action for action in actions.allowed(user, dossier) if action.page),
                     key=lambda action: action.page.rank)
    is_result = _is_result_step(dossier, steps, current)
    numbers = current is not None and completing_numbers_result(dossier, steps, current)
    forms = {action.name: _empty_form(action, dossier, current, is_result, user) for action in offered}
    if failed and form is not None:
        forms[failed] = form
    drafts = list(dossier.result_drafts.select_related("created_by", "step"))
    draft = next((d for d in drafts if d.is_current), None)
    document = dossier.result_document if user.is_official and dossier.result_document_id else None
    shown = main_file(document) if document is not None else None
    components = list(dossier.procedure_version.components.all())
    files = {file.component_id: file for file in dossier.files.all()}
    events = list(dossier.events.all())
    for event in events:  # the papers a supplement request listed ("items" would be dict.items in a template)
        event.papers = event.data.get("items") or [] if isinstance(event.data, dict) else []
    return {
        "dossier": dossier, "steps": steps, "current": current, "offered": [action.name for action in offered],
        "forms": forms, "panels": [_panel(action, dossier, current, forms[action.name], is_result, draft or document,
                                          drafting=_is_drafting_step(steps, current), numbers=numbers,
                                          automatic=numbering_step(steps) is None, document=document)
                                   for action in offered],
        "draft": draft, "earlier_drafts": [d for d in drafts if not d.is_current],
        "result_document": document, "result_shown": shown,
        "result_in_documents": document is not None and document_permissions.can_view(user, document),
        # The result as it is now, in the page: what the leader signs (before the PIN), what the clerk numbers.
        "result_preview": shown is not None and dossier.can_process() and (
            _at_draft_or_approval(steps, current) or numbers),
        "deliveries": list(dossier.deliveries.all()),
        "files": list(dossier.files.all()), "component_files": [(c, files.get(c.pk)) for c in components],
        "events": events, "supplement_request": _last_supplement_request(events),
        "slips": slip_links(dossier),
        "is_result_step": is_result,
        "soon_limit": selectors.due_soon_limit(timezone.now()),
    }


def action_form(action: Action, dossier: Dossier, current: DossierStep | None, data=None, files=None, *,
                user: User | None = None):
    """The action's form (None for a button alone), its fields prefixed with the action's name."""
    if action.form is None:
        return None
    return action.form(data, files, prefix=action.name, dossier=dossier, current=current, user=user)


def _panel(action: Action, dossier: Dossier, current: DossierStep | None, form, is_result: bool,
           draft=None, *, drafting: bool = False, numbers: bool = False, automatic: bool = False,
           document=None) -> dict:
    """What the page shows of an offered action: its form posting to the action's URL, with its words."""
    page = action.page
    label, intro, collapsed = page.label or action.label, page.intro, page.collapsed
    if action.name == "complete" and is_result:  # completing the result step is the leader's approval
        signs = form is not None and "pin" in form.fields
        label = _("Approve and sign the result") if signs else _("Approve the result")
        then = (_("The System then numbers it in the agency's outgoing register.") if automatic else
                _("The clerk then numbers it in the agency's outgoing register."))
        if draft is None:
            intro = _("Generate the draft result from the procedure's template or attach it (“Attach the draft "
                      "result”): it shows on this page for you to check before you approve it. Or upload the result "
                      "PDF here.")
        elif signs:
            intro = " ".join((_("Check the result shown on this page: you sign exactly that file with your "
                                "certificate. To change it, replace the draft, send the step back or upload a "
                                "different file."), str(then)))
        else:
            intro = " ".join((_("Check the result shown on this page: approving it is not a digital signature. To "
                                "change it, replace the draft, send the step back or upload a different file."),
                              str(then)))
    elif action.name == "complete" and numbers:  # the clerk's "vào sổ, đóng dấu"
        label = _("Number the result and send it to the desk")
        intro = _("The result gets the next number of “%(register)s” and today's date on its face, and the "
                  "agency's digital signature; it is issued as the agency's outgoing document and goes to the "
                  "one-stop desk to be returned.") % {"register": _register_name(document)}
    elif action.name == "complete" and drafting and draft is None:
        intro = _("No draft result is attached yet: without one, the leader uploads or generates the result at "
                  "the approval step.")
    elif action.name == "draft_result" and draft is not None:
        label = _("Replace the draft result")
        collapsed = is_result  # the leader approves the draft; replacing it is the exception
    elif action.name == "return":
        label = (_("Hand over the paper original at the counter") if dossier.issues_paper_original else
                 _("Hand over the result at the counter"))
    opened = page.open or (action.name == "post_result" and dossier.paper_delivery == Dossier.PaperDelivery.POST)
    if action.scope is Scope.STEP:
        url = reverse("dossiers:step_act", kwargs={"uuid": dossier.uuid, "position": current.position,
                                                   "action": action.name})
    else:
        url = reverse("dossiers:act", kwargs={"uuid": dossier.uuid, "action": action.name})
    return {"name": action.name, "url": url, "label": label, "intro": intro, "form": form,
            "multipart": form is not None and form.is_multipart(), "collapsed": collapsed,
            "open": opened, "danger": page.danger}


def _register_name(document) -> str:
    found = registers_for(document) if document is not None else []
    return found[0].name if found else DEFAULT_REGISTER


def _empty_form(action: Action, dossier, current, is_result, user):
    if action.name == "complete" and not is_result:
        return f.NoteForm(prefix=action.name)  # the result's fields belong to the result step only
    return action_form(action, dossier, current, user=user)


def _is_result_step(dossier: Dossier, steps: list[DossierStep], current: DossierStep | None) -> bool:
    """Completing this step needs the result: step_complete's own rule."""
    return current is not None and completing_needs_result(dossier, steps, current)


def _is_drafting_step(steps: list[DossierStep], current: DossierStep | None) -> bool:
    drafting = drafting_step(steps)
    return current is not None and drafting is not None and drafting.position == current.position


def _at_draft_or_approval(steps: list[DossierStep], current: DossierStep | None) -> bool:
    """The draft is shown in the page while the dossier is at the step that drafts it or at the approval."""
    return current is not None and any(s is not None and s.position == current.position
                                       for s in (drafting_step(steps), result_step(steps)))


def _last_supplement_request(events):
    requests = [e for e in events if e.kind == e.Kind.SUPPLEMENT_REQUESTED]
    return requests[-1] if requests else None


def _label_roles(steps) -> None:
    roles = dict(User.Role.choices)
    for step in steps:
        step.role_label = roles.get(step.responsible_role, step.responsible_role)


def slip_links(dossier: Dossier) -> list[tuple[str, str]]:
    """(form number, title) of the slips this dossier has now."""
    return [(str(number), str(title)) for number, title in slip_forms(dossier)]
