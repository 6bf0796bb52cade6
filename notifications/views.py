"""Pages and endpoints of notifications: the citizen's choice of channels, and the SMS gateway's delivery
reports (signed server-to-server callbacks)."""

from __future__ import annotations

import json

from django import forms
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from notifications import gateways, services
from notifications.models import mask_phone

MAX_REPORT_BYTES = 4096
REPORT_STATUSES = {"DELIVERED", "UNDELIVERED", "EXPIRED", "REJECTED"}


class PreferenceForm(forms.Form):
    sms = forms.BooleanField(label=_("SMS"), required=False)
    zalo = forms.BooleanField(label=_("Zalo"), required=False)
    email = forms.BooleanField(label=_("E-mail"), required=False)

    def __init__(self, *args, phone: str, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.phone, self.address = phone, email

    def clean(self):
        data = super().clean()
        if (data.get("sms") or data.get("zalo")) and not self.phone:
            raise forms.ValidationError(_("Your account has no mobile phone number: SMS and Zalo cannot reach you."),
                                        code="no_phone")
        if data.get("email") and not self.address:
            self.add_error("email", _("Your account has no e-mail address."))
        return data


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = request.user
    phone = services.mobile(user.phone)
    current = services.preference_of(user)
    if request.method == "POST":
        form = PreferenceForm(request.POST, phone=phone, email=user.email)
        if form.is_valid():
            services.preference_set(user=user, **form.cleaned_data)
            flash.success(request, gettext("Your choices are saved."))
            return redirect("notifications:preferences")
    else:
        form = PreferenceForm(initial={"sms": current.sms, "zalo": current.zalo, "email": current.email},
                              phone=phone, email=user.email)
    return render(request, "notifications/preferences.html", {
        "form": form, "phone": mask_phone(phone) if phone else "", "email": user.email})


@csrf_exempt
@require_POST
def sms_delivery_report(request: HttpRequest) -> HttpResponse:
    """The gateway's DLR: signed with our API key's secret; recorded once whatever the number of repeats."""
    body = request.body[:MAX_REPORT_BYTES + 1]
    if len(body) > MAX_REPORT_BYTES:
        return JsonResponse({"error": "too large"}, status=413)
    if not gateways.sms_report_verified(headers=request.headers, body=body, path=request.path):
        return JsonResponse({"error": "missing or wrong signature"}, status=401)
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    if not isinstance(data, dict) or not all(isinstance(data.get(k), str) and 0 < len(data[k]) <= 200
                                             and "\x00" not in data[k]
                                             for k in ("message_id", "client_message_id", "status")) \
            or data["status"] not in REPORT_STATUSES:
        return JsonResponse({"error": "message_id, client_message_id and status (DELIVERED, UNDELIVERED, "
                                      "EXPIRED, REJECTED) are required"}, status=400)
    notification = services.delivery_report_record(message_id=data["message_id"],
                                                   client_message_id=data["client_message_id"], status=data["status"])
    if notification is None:
        return JsonResponse({"error": "unknown message"}, status=404)
    return JsonResponse({"status": "recorded", "state": notification.state})
