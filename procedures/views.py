"""Public catalogue pages: the searchable list of procedures in force and one procedure's details."""

from django.core.paginator import Paginator
from django.shortcuts import render

from portal.views import not_found
from procedures import selectors
from procedures.errors import CatalogueNotFound
from procedures.public_forms import CatalogueFilterForm

PAGE_SIZE = 20


def catalogue(request):
    form = CatalogueFilterForm(request.GET)
    criteria = form.criteria()
    page = Paginator(selectors.catalogue_search(**criteria), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "procedures/catalogue.html",
        {
            "form": form,
            "page_obj": page,
            "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
            "filters": form.as_querydict(),
            "is_filtered": any(criteria.values()),
        },
    )


def procedure_detail(request, code: str):
    try:
        version = selectors.procedure_detail(code=code)
    except CatalogueNotFound as error:
        return not_found(request, error.message)
    return render(request, "procedures/procedure_detail.html", {"version": version})


def home(request):
    """The portal's home page: search and the catalogue's fields."""
    return render(request, "home.html", {"fields": list(selectors.field_choices())})
