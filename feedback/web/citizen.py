"""Gửi phản ánh, kiến nghị: the online form (logged in or not), its receipt, and the citizen's own petitions.
Thin: the write is feedback.services.petition_submit, the reads feedback.selectors; a service's error comes
back on the form, next to its field.

The form is limited per client address (FEEDBACK_SUBMIT_RATE), counting only the petitions that were
accepted: a public connection (a centre's Wi-Fi, a school, a mobile operator's shared address) is not
punished for one person's typos, and whoever floods the agency with petitions is still stopped."""

from __future__ import annotations

import math

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import User
from feedback import selectors
from feedback.errors import FeedbackError
from feedback.models import Petition
from feedback.services import petition_submit
from feedback.web import proof
from feedback.web.forms_citizen import PetitionForm
from portal.pagination import paginate
from portal.ratelimit import usage as rate_usage

PAGE_SIZE = 20
RECEIPT_KEY = "feedback_receipt"
SUBMIT_GROUP = "feedback.submit"


def _citizen(user: User) -> User | None:
    """The account a petition is filed from: a citizen's; an official sending one writes as a visitor does."""
    return user if user.is_authenticated and not user.is_official else None


def submit_rate(group: str, request: HttpRequest) -> str:
    return settings.FEEDBACK_SUBMIT_RATE


def _seconds_limited(request: HttpRequest) -> int:
    """Seconds until this address may send again (0: it may now). Read without counting: only a petition
    the service accepted counts (``_count``)."""
    usage = rate_usage(request, group=SUBMIT_GROUP, key="ip", rate=submit_rate, increment=False)
    if usage is None or usage["count"] < usage["limit"]:
        return 0
    return max(int(usage["time_left"]), 1)


def _count(request: HttpRequest) -> None:
    rate_usage(request, group=SUBMIT_GROUP, key="ip", rate=submit_rate, increment=True)


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    seconds = _seconds_limited(request)
    if seconds:
        return _limited(request, seconds)
    citizen = _citizen(request.user)
    form = PetitionForm(request.POST or None, request.FILES or None, citizen=citizen,
                        initial=PetitionForm.initial_for(citizen, dossier_code=request.GET.get("dossier", "")))
    if request.method == "POST" and form.is_valid():
        try:
            petition = petition_submit(data=form.petition_input(), channel=Petition.Channel.ONLINE, citizen=citizen)
        except FeedbackError as error:
            form.add_service_errors(error)
        else:
            _count(request)
            proof.remember(request, petition)  # whoever sent it reads it on the tracking page at once
            request.session[RECEIPT_KEY] = petition.pk
            return redirect("feedback:sent")
    return render(request, "feedback/citizen/form.html", {
        "form": form, "citizen": citizen, "max_files": settings.FEEDBACK_MAX_FILES,
        "file_mb": settings.DOSSIER_FILE_MAX_MB, "days": {
            "refuse": settings.FEEDBACK_REFUSE_DAYS, "intake": settings.FEEDBACK_INTAKE_DAYS,
            "handling": settings.FEEDBACK_HANDLING_DAYS, "publish": settings.FEEDBACK_PUBLISH_DAYS,
            "reopen": settings.FEEDBACK_REOPEN_DAYS},
    }, status=400 if form.errors else 200)


def _limited(request: HttpRequest, seconds: int) -> HttpResponse:
    response = render(request, "feedback/citizen/limited.html", {"minutes": max(math.ceil(seconds / 60), 1)},
                      status=429)
    response["Retry-After"] = str(seconds)
    return response


@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    """Giấy biên nhận: the code to track the petition by, the date the answer is due and where it went. Only in
    the session that sent it; elsewhere, the tracking page."""
    petition = Petition.objects.select_related("agency").filter(pk=request.session.get(RECEIPT_KEY) or 0).first()
    if petition is None:
        return redirect("feedback:submit")
    return render(request, "feedback/citizen/sent.html", {
        "petition": petition, "countdown": selectors.petition_countdown(petition),
    })


@require_GET
@login_required
def mine(request: HttpRequest) -> HttpResponse:
    context = paginate(request, selectors.petitions_of_citizen(user=request.user), per_page=PAGE_SIZE)
    now = timezone.now()
    context["rows"] = [(p, selectors.petition_countdown(p, now=now)) for p in context["page_obj"]]
    context["tones"] = selectors.STATE_TONE
    return render(request, "feedback/citizen/mine.html", context)
