"""Khu vực của công dân: start and resume an online dossier, my dossiers, one dossier's page and what the
applicant may do to it (submit, supplement, withdraw, receive the result, rate). Thin: writes go through
dossiers.services, reads through dossiers.selectors; a service's error is shown on the page it came from."""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.identity import session as identity_session
from dossiers import services
from dossiers.disclosure import process_view
from dossiers.errors import DossierConflict, DossierError, DossierForbidden, DossierNotFound, SubmissionHeld
from dossiers.models import Dossier, DossierEvent
from dossiers.selectors import dossier_get_for, dossier_list_for_citizen, home_centre
from dossiers.slips import slip_forms
from dossiers.web.citizen_forms import (
    DossierForm,
    PaperDeliveryForm,
    RatingForm,
    ReceiveResultForm,
    SupplementForm,
    WithdrawForm,
)
from dossiers.web.form_pieces import component_field_name
from dossiers.web.panels import dossier_panels
from dossiers.web.registry import lookup_for, page_status
from portal.views import not_found
from procedures.errors import CatalogueNotFound
from procedures.selectors import procedure_detail
from units.models import ServiceCentre

PAGE_SIZE = 20


def citizen_required(view):
    """Anonymous visitors log in first; officials do not apply online (403)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if request.user.is_official:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def with_dossier(view):
    """The citizen's own dossier by UUID, or the 404 page (also for someone else's)."""

    @wraps(view)
    @citizen_required
    def wrapper(request, uuid):
        try:
            dossier = dossier_get_for(user=request.user, uuid=uuid)
        except DossierNotFound as error:
            return not_found(request, error.message)
        return view(request, dossier)

    return wrapper


# ---- The online application form ----------------------------------------------------------------------

@citizen_required
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest, code: str) -> HttpResponse:
    try:
        version = procedure_detail(code=code)
    except CatalogueNotFound as error:
        return not_found(request, error.message)
    if not version.channel_online:
        return not_found(request, _("This procedure cannot be submitted online; file it at a centre's counter."))
    return _application(request, version=version, dossier=None)


@require_http_methods(["GET", "POST"])
@with_dossier
def edit(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    if not dossier.can_edit_draft():
        messages.info(request, _("This dossier has been sent and can no longer be changed."))
        return redirect("dossiers:detail", uuid=dossier.uuid)
    return _application(request, version=dossier.procedure_version, dossier=dossier)


def _application(request, *, version, dossier: Dossier | None) -> HttpResponse:
    centres = ServiceCentre.objects.filter(is_published=True, procedure_versions=version).select_related("unit")
    lookup = None
    if request.method == "POST" and request.POST.get("action") == "lookup":
        # "Tra cứu" without JavaScript: the form comes back filled (or with the reason why not), unsaved.
        lookup = lookup_for(request, cccd=request.POST.get("applicant_cccd", ""),
                            consent=bool(request.POST.get("registry_consent")))
        form = DossierForm(version=version, centres=centres)
        form.refill(request.POST, lookup)
    else:
        submitting = request.method == "POST" and request.POST.get("action") == "submit"
        attached = frozenset(dossier.files.filter(is_current=True).values_list("component_id", flat=True)
                             if dossier is not None else ())
        initial = DossierForm.initial_for(user=request.user, dossier=dossier)
        home = None
        if dossier is None and request.method != "POST":
            home = home_centre(user=request.user, centres=list(centres))
            initial["centre"] = home.pk if home else None
        form = DossierForm(request.POST or None, request.FILES or None, version=version, centres=centres,
                           initial=initial, submitting=submitting, attached=attached, home=home)
    if request.method == "POST" and lookup is None and form.is_valid():
        save = services.dossier_save_and_submit if form.submitting else services.dossier_draft_save
        verified = {"identity_verified": identity_session.verified(request)} if form.submitting else {}
        try:
            saved = save(citizen=request.user, version=version, dossier=dossier, **form.service_arguments(),
                         **verified)
        except DossierConflict as error:
            if dossier is None:
                form.add_service_errors(error)
            else:
                return _detail_page(request, dossier.uuid, error=error)
        except SubmissionHeld as error:
            # The draft is saved; what holds it back (the fees to pay online) is done on its page.
            messages.warning(request, error.message)
            return redirect("dossiers:detail", uuid=error.extra["dossier"])
        except DossierError as error:
            form.add_service_errors(error)
        else:
            if form.submitting:
                return _sent(request, saved)
            messages.success(request, _("Your draft is saved. You can come back and finish it at any time."))
            return redirect("dossiers:edit", uuid=saved.uuid)
    missing = _missing_errors(dossier) if dossier is not None and request.GET.get("check") else {}
    current_files = list(dossier.files.filter(is_current=True)) if dossier is not None else []
    return render(request, "dossiers/citizen/form.html", {
        "form": form, "version": version, "dossier": dossier,
        "component_rows": [(c, field, current, missing.get(c.pk, [])) for c, field, current
                           in form.component_rows(current_files)],
        "limits": upload_limits(),
        "action_url": (reverse("dossiers:edit", kwargs={"uuid": dossier.uuid}) if dossier
                       else reverse("dossiers:start", kwargs={"code": version.code})),
        "lookup": lookup, "files_dropped": lookup is not None and bool(request.FILES),
        "draft_delete_url": reverse("dossiers:delete_draft", kwargs={"uuid": dossier.uuid}) if dossier else "",
        "verified_identity": request.user if identity_session.verified(request) else None,
    }, status=page_status(lookup) if lookup else 400 if form.errors else 200)


def upload_limits() -> dict[str, int]:
    return {"file_mb": settings.DOSSIER_FILE_MAX_MB, "total_mb": settings.DOSSIER_TOTAL_MAX_MB}


def _missing_errors(dossier: Dossier) -> dict[int, list[str]]:
    return {c.pk: [_("This component is mandatory.")] for c in services.missing_components(dossier)}


def _sent(request, dossier: Dossier) -> HttpResponse:
    messages.success(request, _("Your dossier has been sent to %(centre)s. Its code is %(code)s: keep it to track "
                                "the dossier. The one-stop officer will check it and send you the receipt and "
                                "appointment slip.")
                     % {"centre": dossier.centre.display_name, "code": dossier.code})
    return redirect("dossiers:detail", uuid=dossier.uuid)


@require_POST
@with_dossier
def submit(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """"Submit" from the list or the dossier's page: the draft as it is saved."""
    try:
        dossier = services.dossier_submit(dossier=dossier, citizen=request.user,
                                          identity_verified=identity_session.verified(request))
    except DossierConflict as error:
        return _detail_page(request, dossier.uuid, error=error)
    except DossierError as error:
        # Nothing was sent; the draft is kept, and its page marks what is missing next to each paper.
        messages.error(request, _("The dossier was not sent; your draft is kept as it was. %(reason)s")
                       % {"reason": error.message})
        return redirect(reverse("dossiers:edit", kwargs={"uuid": dossier.uuid}) + "?check=1")
    return _sent(request, dossier)


@require_http_methods(["GET", "POST"])
@with_dossier
def delete_draft(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """Xóa bản nháp, after a confirmation page."""
    if not dossier.can_edit_draft():
        messages.info(request, _("This dossier has been sent and can no longer be deleted; you may withdraw it."))
        return redirect("dossiers:detail", uuid=dossier.uuid)
    if request.method == "POST":
        try:
            services.dossier_draft_delete(dossier=dossier, citizen=request.user)
        except DossierError as error:
            return _failed(request, dossier, error)
        messages.success(request, _("The draft of “%(procedure)s” has been deleted.")
                         % {"procedure": dossier.procedure_name})
        return redirect("dossiers:mine")
    return render(request, "dossiers/citizen/delete_draft.html", {"dossier": dossier})


# ---- My dossiers ----------------------------------------------------------------------------------------

@require_GET
@citizen_required
def mine(request: HttpRequest) -> HttpResponse:
    dossiers = dossier_list_for_citizen(user=request.user).select_related("rating")
    page = Paginator(dossiers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "dossiers/citizen/mine.html", {
        "page_obj": page, "rows": [(d, next_action(d)) for d in page],
        "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "filters": QueryDict(),
    })


def next_action(dossier: Dossier) -> tuple[str, str] | None:
    """What the applicant should do next, as (label, url), or None while it is with the agency."""
    detail = reverse("dossiers:detail", kwargs={"uuid": dossier.uuid})
    if dossier.can_edit_draft():
        return _("Complete and submit the draft"), reverse("dossiers:edit", kwargs={"uuid": dossier.uuid})
    if dossier.can_answer_supplement():
        return _("Supplement the dossier"), detail + "#supplement"
    if dossier.can_return() and not dossier.received_online:  # annotated by dossier_list_for_citizen
        return _("Receive the result"), detail + "#collect"
    if dossier.can_return():
        return _("Collect the paper original"), detail + "#collect"
    if dossier.can_rate() and not hasattr(dossier, "rating"):
        return _("Rate the service"), detail + "#rate"
    return None


# ---- One dossier ----------------------------------------------------------------------------------------

@login_required
def detail(request: HttpRequest, uuid) -> HttpResponse:
    if request.user.is_official:
        from dossiers.web.officer import detail as officer_detail  # the officers' desk, written separately

        return officer_detail(request, uuid)
    return _detail_page(request, uuid)


def _detail_page(request, uuid, *, error: DossierError | None = None, status: int | None = None,
                 **forms) -> HttpResponse:
    """The dossier as it is now, with the forms of the actions its state allows. ``error`` (a conflict or
    a refusal) is shown at the top with its status; bound ``forms`` come back with their errors."""
    try:
        dossier = dossier_get_for(user=request.user, uuid=uuid)
    except DossierNotFound as not_found_error:
        return not_found(request, not_found_error.message)
    process = process_view(dossier, user=request.user)
    request_event = next((e for e in reversed(process.history) if e.kind == DossierEvent.Kind.SUPPLEMENT_REQUESTED),
                         None)
    supplement_form = forms.get("supplement_form") or SupplementForm(dossier=dossier)
    supplement_request = request_event if dossier.can_answer_supplement() else None
    files = list(dossier.files.all())
    if status is None:
        status = error.status_code if error is not None else (400 if forms else 200)
    return render(request, "dossiers/citizen/detail.html", {
        "dossier": dossier, "steps": process.steps, "events": process.history, "files": files,
        "supplement_request": supplement_request, "supplement_form": supplement_form,
        "supplement_rows": supplement_form.component_rows(files),
        "supplement_papers": requested_papers(supplement_request, supplement_form),
        "requested_positions": (supplement_request.data.get("component_positions") or []) if supplement_request else [],
        "rating_form": forms.get("rating_form") or RatingForm(), "rating": getattr(dossier, "rating", None),
        "receive_form": forms.get("receive_form") or ReceiveResultForm(),
        "paper_form": forms.get("paper_form") or PaperDeliveryForm(dossier=dossier),
        "deliveries": list(dossier.deliveries.all()),
        "slips": slip_forms(dossier), "error": error, "limits": upload_limits(),
        "extra_panels": dossier_panels(request, dossier, audience="applicant"),
        "aside_panels": dossier_panels(request, dossier, audience="applicant", place="aside"),
    }, status=status)


def requested_papers(request_event, form: SupplementForm) -> list[tuple[str, str]]:
    """What a supplement request asks for, as (text, id of the component's file input or ""): the
    components ticked, named in the reader's language and pointing at their upload field, then the other
    items as the officer typed them. A request made before the checklist existed has its items alone."""
    if request_event is None:
        return []
    data = request_event.data
    positions = data.get("component_positions")
    if positions is None:
        return [(item, "") for item in data.get("items") or []]
    by_position = {c.position: c for c in form.components}
    papers = [(c.display_name, form[component_field_name(c)].id_for_label)
              for c in (by_position.get(p) for p in positions) if c is not None]
    return papers + [(item, "") for item in data.get("other_items") or []]


def _failed(request, dossier: Dossier, error: DossierError, **forms) -> HttpResponse:
    """A conflict or a refusal shows the page as it is now; bad input comes back on its form."""
    if isinstance(error, (DossierConflict, DossierForbidden)):
        return _detail_page(request, dossier.uuid, error=error)
    for form in forms.values():
        form.add_service_errors(error)
    return _detail_page(request, dossier.uuid, **forms)


@require_POST
@with_dossier
def supplement(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = SupplementForm(request.POST, request.FILES, dossier=dossier)
    if not form.is_valid():
        return _detail_page(request, dossier.uuid, supplement_form=form)
    try:
        services.dossier_supplement(dossier=dossier, user=request.user, uploads=form.uploads(),
                                    note=form.cleaned_data["note"])
    except DossierError as error:
        return _failed(request, dossier, error, supplement_form=form)
    messages.success(request, _("Thank you. Your supplement has been sent to the officer."))
    return redirect("dossiers:detail", uuid=dossier.uuid)


@require_http_methods(["GET", "POST"])
@with_dossier
def withdraw(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """Rút hồ sơ, after a confirmation page."""
    if not dossier.can_withdraw():
        messages.info(request, _("This dossier can no longer be withdrawn."))
        return redirect("dossiers:detail", uuid=dossier.uuid)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.dossier_withdraw(dossier=dossier, citizen=request.user, reason=form.cleaned_data["reason"])
        except DossierError as error:
            return _failed(request, dossier, error)
        messages.success(request, _("Your dossier has been withdrawn."))
        return redirect("dossiers:detail", uuid=dossier.uuid)
    return render(request, "dossiers/citizen/withdraw.html", {"dossier": dossier, "form": form},
                  status=400 if form.errors else 200)


@require_POST
@with_dossier
def collect(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """Nhận kết quả điện tử: the citizen confirms they receive the electronic result; its delivery is
    recorded (closing the dossier when no paper original is owed), then the result opens in the viewer."""
    form = ReceiveResultForm(request.POST)
    if dossier.can_receive_online() and not form.is_valid():  # (otherwise the service says why not)
        return _detail_page(request, dossier.uuid, receive_form=form)
    try:
        dossier = services.result_receive_online(dossier=dossier, citizen=request.user)
    except DossierError as error:
        return _failed(request, dossier, error)
    if dossier.state == Dossier.State.RETURNED:
        messages.success(request, _("You have received the electronic result; your dossier is complete."))
    else:
        messages.success(request, _("You have received the electronic result. The paper original is still to be "
                                    "collected at the centre or received by post."))
    return redirect("dossiers:result_view", uuid=dossier.uuid)


@require_POST
@with_dossier
def paper_delivery(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    """Nhận bản giấy: the citizen chooses the centre or the post (with the address)."""
    form = PaperDeliveryForm(request.POST, dossier=dossier)
    if not form.is_valid():
        return _detail_page(request, dossier.uuid, paper_form=form)
    try:
        dossier = services.dossier_paper_delivery_choose(dossier=dossier, citizen=request.user,
                                                         method=form.cleaned_data["method"],
                                                         address=form.cleaned_data["address"])
    except DossierError as error:
        return _failed(request, dossier, error, paper_form=form)
    if dossier.paper_delivery == Dossier.PaperDelivery.POST:
        messages.success(request, _("The centre will send the paper original by post to: %(address)s.")
                         % {"address": dossier.post_address})
    else:
        messages.success(request, _("Collect the paper original at %(centre)s; bring your identity document.")
                         % {"centre": dossier.centre.display_name})
    return redirect(reverse("dossiers:detail", kwargs={"uuid": dossier.uuid}) + "#collect")


@require_POST
@with_dossier
def rate(request: HttpRequest, dossier: Dossier) -> HttpResponse:
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _detail_page(request, dossier.uuid, rating_form=form)
    try:
        services.dossier_rate(dossier=dossier, citizen=request.user, score=form.cleaned_data["score"],
                              comment=form.cleaned_data["comment"])
    except DossierError as error:
        return _failed(request, dossier, error, rating_form=form)
    messages.success(request, _("Thank you for rating the service."))
    return redirect("dossiers:detail", uuid=dossier.uuid)

