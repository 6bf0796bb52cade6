"""POST handlers of the dossier page's actions: one form in, one service call, then back to the page.

A refused action shows the page again with the service's message (field errors by their fields) and the
error's status: 400 bad input, 403 not this official's to do, 409 someone acted first (nothing changed)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dossiers import selectors, services
from dossiers.errors import DossierError, DossierNotFound
from dossiers.permissions import STEP_ACTIONS
from dossiers.web.officer import action_form, detail, official_required
from signatures.errors import SignatureError


def _run(action: str, *, dossier, user, form, position=None):
    """Call the service of ``action`` with the form's values; return the success message."""
    data = form.cleaned_data if form is not None else {}
    code = dossier.display_code
    if action == "receive":
        dossier = services.dossier_receive(dossier=dossier, officer=user)
        return _("Dossier %(code)s received. Print the receipt and appointment slip for the applicant.") % {
            "code": dossier.code}
    if action == "request_supplement":
        services.dossier_request_supplement(dossier=dossier, user=user, reason=data["reason"],
                                            items=form.item_list())
        return _("The supplement request for dossier %(code)s was recorded; the applicant is notified.") % {
            "code": code}
    if action == "supplement":
        services.dossier_supplement(dossier=dossier, user=user, uploads=form.uploads(), note=data["note"])
        return _("The papers brought to the counter were added to dossier %(code)s.") % {"code": code}
    if action == "refuse":
        services.dossier_refuse(dossier=dossier, officer=user, reason=data["reason"])
        return _("Dossier %(code)s was refused.") % {"code": code}
    if action == "return":
        services.dossier_return(dossier=dossier, user=user, note=data["note"])
        return _("The result of dossier %(code)s was returned to the applicant.") % {"code": code}
    if action == "extend":
        services.dossier_extend(dossier=dossier, user=user, new_due_at=form.new_due_at(), reason=data["reason"])
        return _("The deadline of dossier %(code)s was extended; give the applicant the apology letter.") % {
            "code": code}
    if action == "stop":
        services.dossier_stop(dossier=dossier, user=user, reason=data["reason"])
        return _("Processing of dossier %(code)s was stopped.") % {"code": code}
    if action == "take":
        services.step_take(dossier=dossier, position=position, user=user)
        return _("You now handle step %(n)s of dossier %(code)s.") % {"n": position, "code": code}
    if action == "complete":
        dossier = services.step_complete_with_pin(
            dossier=dossier, position=position, user=user, pin=data.get("pin", ""), note=data["note"],
            result=data.get("result"), generate_result=data["generate_result"])
        signed = bool(data.get("pin"))
        if signed and dossier.state == dossier.State.RESULT_READY:
            return _("Dossier %(code)s is processed: its result is signed and ready to return.") % {"code": code}
        if signed:
            return _("The result of dossier %(code)s is signed; step %(n)s is done and the next step is to do.") % {
                "n": position, "code": code}
        if dossier.state == dossier.State.RESULT_READY:
            return _("Dossier %(code)s is processed: its result is ready to return.") % {"code": code}
        return _("Step %(n)s of dossier %(code)s is done; the next step is to do.") % {"n": position, "code": code}
    if action == "send_back":
        services.step_return(dossier=dossier, position=position, user=user, note=data["note"])
        return _("Step %(n)s of dossier %(code)s was sent back to the previous step.") % {
            "n": position, "code": code}
    if action == "transfer":
        services.step_transfer(dossier=dossier, position=position, user=user, agency=data["agency"],
                               note=data["note"])
        return _("Step %(n)s of dossier %(code)s was transferred to %(agency)s.") % {
            "n": position, "code": code, "agency": data["agency"].display_name}
    raise Http404


def _handle(request, uuid, action: str, position=None):
    try:
        dossier = selectors.dossier_get_for(user=request.user, uuid=uuid)
    except DossierNotFound as exc:
        raise Http404(exc.message) from None
    current = selectors.current_step(dossier)
    form = action_form(action, dossier, current, request.POST, request.FILES, user=request.user)
    if form is not None and not form.is_valid():
        return detail(request, uuid, failed=action, form=form,
                      error=_("Please correct the errors below."), status=400)
    try:
        message = _run(action, dossier=dossier, user=request.user, form=form, position=position)
    except (DossierError, SignatureError) as error:
        if form is not None:
            form.add_service_errors(error)
        return detail(request, uuid, failed=action, form=form, error=error.message, status=error.status_code)
    messages.success(request, message)
    return redirect("dossiers:detail", uuid=dossier.uuid)


_DOSSIER_ACTIONS = ("receive", "request_supplement", "supplement", "refuse", "return", "extend", "stop")


@official_required()
@require_POST
def act(request, uuid, action: str):
    if action not in _DOSSIER_ACTIONS:
        raise Http404
    return _handle(request, uuid, action)


@official_required()
@require_POST
def step_act(request, uuid, position: int, action: str):
    if action not in STEP_ACTIONS:
        raise Http404
    return _handle(request, uuid, action, position=position)
