"""Tiếp nhận hồ sơ trực tiếp: a one-stop officer files a walk-in applicant's dossier. First the
procedure (searched among those the officer's centre receives at the counter), then the applicant and
the scanned papers. The officer has checked the papers across the counter, so filing receives the dossier
(code, due date, receipt slip to print at once); "not complete, awaiting the check" files it to the desk."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dossiers import services
from dossiers.errors import DossierError
from dossiers.web.officer import official_required
from dossiers.web.officer_forms import CounterForm, ProcedurePickForm
from dossiers.web.registry import lookup_for, page_status
from procedures.models import ProcedureVersion
from procedures.selectors import catalogue_filter, catalogue_order

PICK_LIMIT = 30


def counter_procedures(officer):
    """The versions in force that the officer's centre receives at the counter."""
    return (ProcedureVersion.objects.current().filter(centres=officer.centre_id, channel_counter=True)
            .select_related("procedure", "field").order_by("procedure__code"))


@official_required(officer=True)
@require_http_methods(["GET", "POST"])
def counter(request):
    code = (request.POST.get("procedure") or request.GET.get("procedure") or "").strip()
    version = None
    if code:
        version = (counter_procedures(request.user).prefetch_related("components", "form_fields")
                   .filter(procedure__code=code).first())
    if version is None:
        return _pick(request, unknown=code)
    lookup = None
    if request.method == "POST" and request.POST.get("action") == "lookup":
        # "Tra cứu" without JavaScript: the form comes back filled (or with the reason why not), unsaved.
        lookup = lookup_for(request, cccd=request.POST.get("applicant_cccd", ""),
                            consent=bool(request.POST.get("registry_consent")))
        form = CounterForm(components=version.components.all(), definition=version.form_fields.all())
        form.refill(request.POST, lookup)
    else:
        form = CounterForm(request.POST or None, request.FILES or None, components=version.components.all(),
                           definition=version.form_fields.all())
    error = ""
    if request.method == "POST" and lookup is None and form.is_valid():
        await_check = request.POST.get("action") == "await_check"
        try:
            dossier = services.dossier_create_at_counter(
                officer=request.user, version=version, applicant=form.applicant(),
                description=form.cleaned_data["description"], uploads=form.uploads(),
                form_data=form.form_answers(), await_check=await_check)
        except DossierError as exc:
            form.add_service_errors(exc)
            error = exc.message
        else:
            if await_check:
                messages.success(request, _("The dossier of %(name)s was filed with the code %(code)s. It awaits the "
                                            "completeness check on the desk.")
                                 % {"name": dossier.applicant_name, "code": dossier.code})
            else:
                messages.success(request, _("The dossier of %(name)s was received with the code %(code)s. Print the "
                                            "receipt and appointment slip and hand it to the applicant.")
                                 % {"name": dossier.applicant_name, "code": dossier.code})
            return redirect("dossiers:detail", uuid=dossier.uuid)
    status = page_status(lookup) if lookup else 400 if form.errors or error else 200
    return render(request, "dossiers/officer/counter.html", {
        "version": version, "form": form, "error": error, "lookup": lookup,
        "files_lost": request.method == "POST" and bool(request.FILES),
    }, status=status)


def _pick(request, *, unknown: str):
    form = ProcedurePickForm(request.GET)
    form.is_valid()
    query = form.cleaned_data.get("q", "")
    versions = catalogue_filter(counter_procedures(request.user), query=query)
    if query:  # the most relevant first, as on the public catalogue; otherwise by code
        versions = catalogue_order(versions, query=query)
    total = versions.count()
    return render(request, "dossiers/officer/counter_pick.html", {
        "form": form, "versions": list(versions[:PICK_LIMIT]), "total": total, "limit": PICK_LIMIT,
        "query": query, "unknown": unknown,
    })
