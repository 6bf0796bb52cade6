"""POST handlers of the dossier page's actions (dossiers.actions): one form in, the action's service call,
then back to the page with the action's message.

A refused action shows the page again with the service's message (field errors by their fields) and the
error's status: 400 bad input, 403 not this official's to do, 409 someone acted first (nothing changed)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossiers import actions, selectors
from dossiers.actions import Action, Done, Scope
from dossiers.errors import DossierError, DossierNotFound
from dossiers.web.officer import action_form, detail, official_required
from signatures.errors import SignatureError


def _handle(request, uuid, action: Action | None, position=None):
    if action is None:
        raise Http404
    try:
        dossier = selectors.dossier_get_for(user=request.user, uuid=uuid)
    except DossierNotFound as exc:
        raise Http404(exc.message) from None
    current = selectors.current_step(dossier)
    form = action_form(action, dossier, current, request.POST, request.FILES, user=request.user)
    if form is not None and not form.is_valid():
        return detail(request, uuid, failed=action.name, form=form,
                      error=_("Please correct the errors below."), status=400)
    values = form.values() if form is not None else {}
    code = dossier.display_code
    try:
        result = action.perform(dossier=dossier, user=request.user, values=values, position=position)
    except (DossierError, SignatureError) as error:
        if form is not None:
            form.add_service_errors(error)
        return detail(request, uuid, failed=action.name, form=form, error=error.message,
                      status=error.status_code)
    messages.success(request, action.done(Done(code=code, position=position, result=result, values=values)))
    return redirect("dossiers:detail", uuid=dossier.uuid)


@official_required()
@require_POST
def act(request, uuid, action: str):
    return _handle(request, uuid, actions.get(action, scope=Scope.DOSSIER, page=True))


@official_required()
@require_POST
def step_act(request, uuid, position: int, action: str):
    return _handle(request, uuid, actions.get(action, scope=Scope.STEP, page=True), position=position)
