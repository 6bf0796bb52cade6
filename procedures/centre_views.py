"""Public pages of the public administration service centres (Trung tâm Phục vụ hành chính công): a
centre's address, hours and hotlines, and the procedures it receives. They show the data of units,
hotlines and the catalogue, so they live here, in the highest of the three."""

from django.core.paginator import Paginator
from django.http import QueryDict
from django.shortcuts import render

from hotlines.selectors import with_hotlines
from portal.views import not_found
from procedures.selectors import centre_procedures
from units.forms import CentreFilterForm
from units.models import ServiceCentre
from units.selectors import CentreNotFound, centre_detail_public, centre_list_public

PAGE_SIZE = 20
CENTRES_PAGE_SIZE = 24


def centre_list(request):
    form = CentreFilterForm(request.GET)
    criteria = form.criteria()
    page = Paginator(with_hotlines(centre_list_public(**criteria)), CENTRES_PAGE_SIZE).get_page(request.GET.get("page"))
    centres = list(page.object_list)
    # The selector orders the provincial centre first, so it leads page 1 under its own heading.
    return render(
        request,
        "units/centre_list.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "filters": form.as_querydict(),
            "is_filtered": any(criteria.values()),
            "provincial": [c for c in centres if c.level == ServiceCentre.Level.PROVINCE],
            "communal": [c for c in centres if c.level != ServiceCentre.Level.PROVINCE],
        },
    )


def centre_detail(request, slug: str):
    try:
        centre = centre_detail_public(slug=slug, centres=with_hotlines(centre_list_public()))
    except CentreNotFound as error:
        return not_found(request, error.message)
    page = Paginator(centre_procedures(centre=centre), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "units/centre_detail.html",
        {
            "centre": centre,
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "filters": QueryDict(),
        },
    )
