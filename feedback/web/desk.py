"""The officials' petition pages: the worklist (tabs with counts, filters) and the petition page with the
actions this official may take now, each a form built from the action registry (feedback.actions), posted to
``act``. A refused action shows the page again with the service's message (field errors by their fields) and
its status: 400 bad input, 403 not this official's to do, 409 someone acted first; nothing changed."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from dossiers.web.officer import official_required
from feedback import actions, worklists
from feedback.actions import Action
from feedback.errors import FeedbackError, PetitionNotFound
from feedback.masking import masked_publication
from feedback.models import Petition
from feedback.web.desk_forms import ActionForm, WorklistFilterForm
from feedback.web.panels import petition_panels
from portal.pagination import paginate

PAGE_SIZE = 25
# The citizen's actions an official may also take for them (the hotline desk or the agency, when the citizen
# answers by phone or letter): the registry's ``may`` says who.
ON_BEHALF = ("supply_info",)
# The everyday action of each state comes first and open; these fold away until needed.
FOLDED = ("request_info", "forward", "refuse", "return_answer")
RANK = ("classify", "supply_info", "propose_answer", "assign", "approve_answer", "publish", "request_info",
        "forward", "return_answer", "refuse")


@official_required()
@require_GET
def worklist(request):
    """Phản ánh, kiến nghị: the agency's petitions by what is to be done (an admin's: the province's)."""
    user = request.user
    tabs = worklists.tabs_for(user)
    tab = request.GET.get("tab") or worklists.default_tab(user)
    if tab not in tabs:
        tab = worklists.default_tab(user)
    form = WorklistFilterForm(request.GET, user=user)
    filters = form.filters()
    now = timezone.now()
    rows = worklists.worklist(user=user, tab=tab, filters=filters, now=now)
    query = form.as_querydict()
    query["tab"] = tab
    context = paginate(request, rows, per_page=PAGE_SIZE, filters=query)
    worklists.with_countdown(context["page_obj"].object_list, now=now)
    counts = worklists.worklist_counts(user=user, agency=filters.agency, now=now)
    context.update(
        form=form, tab=tab, tab_label=worklists.Tab(tab).label,
        tabs=[(t.value, t.label, counts.get(t.value, 0)) for t in tabs],
        is_filtered=bool(form.as_querydict()), keep=form.as_querydict(),
    )
    return render(request, "feedback/desk/worklist.html", context)


def offered(user, petition: Petition) -> list[Action]:
    found = actions.available(user, petition, for_citizen=False)
    found += [a for name in ON_BEHALF if (a := actions.get(name)) is not None and a.may(user, petition)]
    return sorted(found, key=lambda a: RANK.index(a.name) if a.name in RANK else len(RANK))


def _desk_action(name: str) -> Action | None:
    action = actions.get(name)
    if action is None or (action.for_citizen and action.name not in ON_BEHALF):
        return None
    return action


def _get(request, uuid) -> Petition:
    try:
        return worklists.petition_get_for(user=request.user, uuid=uuid)
    except PetitionNotFound as error:
        raise Http404(error.message) from None


def _form(action: Action, petition: Petition, data=None) -> ActionForm:
    initial = masked_publication(petition) if action.name == "publish" else None
    return ActionForm(data, action=action, petition=petition, initial=initial)


def _page(request, petition: Petition, *, failed: ActionForm | None = None, error: str = "", status: int = 200):
    user = request.user
    now = timezone.now()
    worklists.with_countdown([petition], now=now)
    panels = []
    for action in offered(user, petition):
        form = failed if failed is not None and failed.action.name == action.name else _form(action, petition)
        panels.append({"action": action, "form": form, "danger": action.danger,
                       "collapsed": action.name in FOLDED or (action.name == "assign" and petition.handler_id),
                       "open": failed is not None and failed.action.name == action.name})
    if failed is not None and not any(p["action"].name == failed.action.name for p in panels):
        # No longer on offer (someone acted first): still show what was typed, with the message.
        panels.insert(0, {"action": failed.action, "form": failed, "danger": failed.action.danger,
                          "collapsed": False, "open": True})
    context = {
        "petition": petition, "panels": panels, "error": error,
        "events": list(petition.events.all()), "files": list(petition.files.all()),
        "deadlines": worklists.deadline_rows(petition, now=now),
        "call": getattr(petition, "call", None),
        "extra_panels": petition_panels(request, petition),
    }
    return render(request, "feedback/desk/detail.html", context, status=status)


@official_required()
@require_GET
def detail(request, uuid):
    return _page(request, _get(request, uuid))


@official_required()
@require_POST
def act(request, uuid, action: str):
    petition = _get(request, uuid)
    found = _desk_action(action)
    if found is None:
        raise Http404
    form = _form(found, petition, request.POST)
    if not form.is_valid():
        return _page(request, petition, failed=form, error=_("Please correct the errors below."), status=400)
    try:
        found.perform(petition=petition, user=request.user, values=form.values())
    except PetitionNotFound as error:
        raise Http404(error.message) from None
    except FeedbackError as error:
        form.add_service_errors(error, summary=False)
        return _page(request, _get(request, uuid), failed=form, error=error.message, status=error.status_code)
    messages.success(request, str(found.done) % {"code": petition.code})
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return redirect(target)
    return redirect("feedback:detail", uuid=petition.uuid)
