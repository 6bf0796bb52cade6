"""Tra cứu phản ánh, kiến nghị: anyone with a petition's code sees how far it has come — its state in plain
words, the agency holding it, when it was sent, the days left until the answer is due, and its history
(steps and dates, no names or texts). Its content, the answer, the files and the citizen's actions (send the
information asked for, rate the answer, reopen it) only its petitioner: their account, or whoever also gives
the phone number written on it (feedback.web.proof). Lookups are limited per client address, so codes cannot
be harvested by script."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from feedback import actions, selectors
from feedback.errors import FeedbackError, PetitionConflict, PetitionNotFound
from feedback.models import Petition
from feedback.web import proof
from feedback.web.forms_citizen import ActionForm, PhoneProofForm
from portal.ratelimit import usage as rate_usage
from portal.views import not_found

TEMPLATE = "feedback/public/track.html"
PHONE_MESSAGES = {
    proof.Phone.WRONG: gettext_lazy("This is not the phone number written on the petition, so its content is not "
                                    "shown."),
    proof.Phone.LIMITED: gettext_lazy("Too many attempts at the phone number of this petition today; its content is "
                                      "not shown. Log in, or call the hotline."),
}


def lookup_rate(group: str, request: HttpRequest) -> str:
    return settings.FEEDBACK_LOOKUP_RATE


def track_url(code: str) -> str:
    return f"{reverse('feedback:track')}?{urlencode({'code': code})}"


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    code = selectors.clean_code(data.get("code"))
    if not code:
        return render(request, TEMPLATE, {"code": ""})
    # Every lookup with a code counts, found or not: probing for codes is what the limit stops.
    usage = rate_usage(request, group="feedback.track", key="ip", rate=lookup_rate, increment=True)
    if usage is not None and usage["should_limit"]:
        return _limited(request, seconds_left=usage["time_left"])
    try:
        petition = selectors.petition_by_code(code)
    except PetitionNotFound as error:
        return render(request, TEMPLATE, {"code": code, "error": error.message}, status=404)
    if request.method == "GET":
        return _page(request, petition)
    if "phone" in request.POST:
        return _prove(request, petition)
    return _act(request, petition, request.POST.get("action", ""))


def _prove(request: HttpRequest, petition: Petition) -> HttpResponse:
    form = PhoneProofForm(request.POST)
    if not form.is_valid():
        return _page(request, petition, phone_form=form, status=400)
    outcome = proof.check_phone(request, petition, form.cleaned_data["phone"])
    if outcome != proof.Phone.OK:
        form.add_error("phone", PHONE_MESSAGES[outcome])
        return _page(request, petition, phone_form=form, status=429 if outcome == proof.Phone.LIMITED else 403)
    return HttpResponseRedirect(track_url(petition.code) + "#petition")


def _offered(request: HttpRequest, petition: Petition) -> list[actions.Action]:
    if proof.is_petitioner(request, petition):
        return actions.available(request.user, petition, for_citizen=True)
    if petition.pk in proof.proven(request):
        return actions.available_proven(petition)
    return []


def _act(request: HttpRequest, petition: Petition, name: str) -> HttpResponse:
    if not proof.may_read(request, petition):
        return _page(request, petition, error=_("Prove first that you sent this petition: log in, or enter its "
                                                "phone number."), status=403)
    action = actions.get(name)
    if action is None or action.name not in {a.name for a in _offered(request, petition)}:
        return _page(request, petition, error=_("This can no longer be done to this petition. Here it is as it is "
                                                "now."), status=409)
    form = ActionForm(request.POST, action=action)
    if form.is_valid():
        try:
            if proof.is_petitioner(request, petition):
                action.perform(petition=petition, user=request.user, values=form.values())
            else:
                action.perform_proven(petition=petition, values=form.values())
        except PetitionConflict as error:
            return _page(request, selectors.petition_by_code(petition.code), error=error.message, status=409)
        except FeedbackError as error:
            form.add_service_errors(error)
        else:
            messages.success(request, action.done % {"code": petition.code})
            return HttpResponseRedirect(track_url(petition.code) + "#petition")
    return _page(request, petition, bound=form, status=400)


def _page(request: HttpRequest, petition: Petition, *, phone_form: PhoneProofForm | None = None,
          bound: ActionForm | None = None, error: str = "", status: int = 200) -> HttpResponse:
    readable = proof.may_read(request, petition)
    forms = [bound if bound is not None and bound.action.name == a.name else ActionForm(action=a)
             for a in (_offered(request, petition) if readable else [])]
    return render(request, TEMPLATE, {
        "code": petition.code, "petition": petition, "error": error, "readable": readable,
        "by_account": proof.is_petitioner(request, petition),
        "state_help": selectors.STATE_HELP.get(petition.state, ""),
        "tone": selectors.STATE_TONE.get(petition.state, "none"),
        "countdown": selectors.petition_countdown(petition),
        "timeline": selectors.public_timeline(petition),
        "files": selectors.petition_files(petition) if readable else [],
        "procedure_name": selectors.procedure_name(petition.procedure) if readable and petition.procedure else "",
        "phone_form": phone_form or PhoneProofForm(), "action_forms": forms,
    }, status=status)


def _limited(request: HttpRequest, *, seconds_left: int) -> HttpResponse:
    seconds = max(int(seconds_left), 1)
    response = render(request, "feedback/public/track_limited.html", {"minutes": max(math.ceil(seconds / 60), 1)},
                      status=429)
    response["Retry-After"] = str(seconds)
    return response


@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """An attachment, for whoever may read its petition's content; the same 404 for anyone else. It came from
    someone else's computer: an attachment, never shown inline, under a sandboxing policy."""
    try:
        row = selectors.petition_file_for(user=request.user, pk=pk, proven=proof.proven(request))
    except PetitionNotFound as error:
        return not_found(request, error.message)
    response = FileResponse(row.file.open("rb"), as_attachment=True, filename=row.original_name,
                            content_type=row.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
