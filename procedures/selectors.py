"""Reads of the catalogue that the public pages, the API and the back office share."""

from __future__ import annotations

import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Length, StrIndex
from django.utils.translation import gettext as _

from hotlines.models import Hotline
from portal.collation import vietnamese
from portal.text import SearchWord, search_words
from procedures.errors import CatalogueErrorCode, CatalogueNotFound
from procedures.models import Field, InternalProcessStep, ProcedureVersion
from units.models import ServiceCentre


def catalogue_search(
    *, query: str = "", field: str | None = None, level: str | None = None, agency: str | None = None,
    online_level: str | None = None, centre: str | None = None, on: datetime.date | None = None,
) -> QuerySet[ProcedureVersion]:
    """The versions in force on ``on`` (today by default), optionally narrowed (``catalogue_filter``) and,
    for a ``query``, most relevant first (``catalogue_order``); ``field``, ``agency`` and ``centre`` are
    the public codes / slug."""
    versions = ProcedureVersion.objects.current(on).select_related("procedure", "field", "agency")
    versions = catalogue_filter(
        versions, query=query, field=field, level=level, agency=agency, online_level=online_level, centre=centre
    )
    return catalogue_order(versions, query=query)


def catalogue_filter(
    versions: QuerySet[ProcedureVersion], *, query: str = "", field: str | None = None, level: str | None = None,
    agency: str | None = None, online_level: str | None = None, centre: str | None = None,
) -> QuerySet[ProcedureVersion]:
    """Narrow any version queryset by the public catalogue filters (empty values are ignored).

    ``query`` is matched word by word against code, name and field, without regard to case, diacritics or
    the i/y spelling ("dang ki khai sinh" finds "Đăng ký khai sinh"): a version must contain every word
    but the function words ("khai sinh cho con" needs "khai" and "sinh"; ``portal.text.FUNCTION_WORDS``)."""
    for word in _significant(query):
        versions = versions.filter(_contains(word))
    if field:
        versions = versions.filter(field__code=field)
    if level:
        versions = versions.filter(level=level)
    if agency:
        versions = versions.filter(agency__code=agency)
    if online_level:
        versions = versions.filter(online_level=online_level)
    if centre:
        versions = versions.filter(centres__slug=centre, centres__is_published=True)
    return versions


def _significant(query: str) -> list[SearchWord]:
    """The words of ``query`` that a version must contain: all but the function words, or all of them when
    there is nothing else ("và" alone still finds "... và ...")."""
    words = search_words(query)
    return [word for word in words if not word.is_function_word] or words


def _contains(word: SearchWord) -> Q:
    # search_text is stored with search_fold, so a plain LIKE on the folded words is case- and
    # accent-insensitive, and (unlike icontains' UPPER(...)) it can use the trigram index of migration 0002.
    return Q(*(Q(search_text__contains=form) for form in word.forms), _connector=Q.OR)


def catalogue_order(versions: QuerySet[ProcedureVersion], *, query: str = "") -> QuerySet[ProcedureVersion]:
    """Order the versions ``catalogue_filter`` found for ``query``: those with all its words in the code or
    the name (Vietnamese or English) first, then those with fewer there and the rest elsewhere (the
    field, or inside a longer word); then by name. Function words do not count: a name that merely
    contains "con" ("… nhận cha, mẹ, con") is no nearer to "khai sinh cho con" than "Đăng ký khai sinh".
    Without a query, by name. Computed in the database, in the query that reads the page."""
    words = _significant(query)
    by_name = (vietnamese("name"), "procedure__code")
    if not words:
        return versions.order_by(*by_name)
    # search_text_for writes the code, the name and the English name first, one space apart, then the
    # field; search_fold keeps the length of each. So in " " + search_text + " ", a whole word " w " that
    # ends by position len(code) + len(name) + len(name_en) + 4 (the space after the English name, or
    # the last letter of the name when there is no English name) is in the code or a name; its first
    # occurrence is enough, as those come first. (A name stored with doubled spaces folds shorter, so a
    # few letters of the field would count as name: that only moves a result among equals.)
    padded = Concat(Value(" "), "search_text", Value(" "), output_field=TextField())
    names_end = Length("procedure__code") + Length("name") + Length("name_en") + 4
    positions, in_names = {}, []
    for i, word in enumerate(words):
        found = Q()
        for j, form in enumerate(word.forms):
            needle, position = f" {form} ", f"_search_{i}_{j}"
            positions[position] = StrIndex(padded, Value(needle))
            found |= Q(**{f"{position}__gt": 0, f"{position}__lte": names_end - (len(needle) - 1)})
        in_names.append(Case(When(found, then=1), default=0))
    return (versions.alias(**positions).alias(search_in_names=sum(in_names[1:], in_names[0]))
            .order_by("-search_in_names", *by_name))


def centre_procedures(*, centre: ServiceCentre, on: datetime.date | None = None) -> QuerySet[ProcedureVersion]:
    """The procedures a centre receives and returns, as the versions in force."""
    return catalogue_search(centre=centre.slug, on=on)


def procedure_detail(*, code: str, on: datetime.date | None = None) -> ProcedureVersion:
    """The version of procedure ``code`` in force on ``on``, with everything its public page shows
    loaded in a fixed number of queries. Raises CatalogueNotFound."""
    hotlines = Hotline.objects.filter(is_active=True)
    centres = (
        ServiceCentre.objects.filter(is_published=True).select_related("unit", "agency")
        .prefetch_related(Prefetch("hotlines", queryset=hotlines))
    )
    try:
        return (
            ProcedureVersion.objects.current(on)
            .select_related("procedure", "field", "agency", "decision")
            .prefetch_related(
                "components",
                "fees",
                "form_fields",
                Prefetch("steps", queryset=InternalProcessStep.objects.select_related("responsible_agency")),
                Prefetch("centres", queryset=centres),
            )
            .get(procedure__code=(code or "").strip())
        )
    except ProcedureVersion.DoesNotExist:
        raise CatalogueNotFound(
            _("There is no procedure with code %(code)s in force.") % {"code": code},
            code=CatalogueErrorCode.NOT_FOUND,
        ) from None


def field_choices(*, on: datetime.date | None = None) -> QuerySet[Field]:
    """Fields with at least one procedure in force, each annotated with ``procedure_count``."""
    current = ProcedureVersion.objects.current(on).filter(field=OuterRef("pk"))
    counts = current.order_by().values("field").annotate(n=Count("pk")).values("n")
    return (
        Field.objects.filter(Exists(current))
        .annotate(procedure_count=Coalesce(Subquery(counts, output_field=IntegerField()), 0))
        .order_by(vietnamese("name"), "code")
    )


def procedure_draft(*, code: str) -> ProcedureVersion:
    """The draft of procedure ``code`` (there is at most one). Raises CatalogueNotFound."""
    try:
        return ProcedureVersion.objects.select_related("procedure").get(
            procedure__code=(code or "").strip(), status=ProcedureVersion.Status.DRAFT
        )
    except ProcedureVersion.DoesNotExist:
        raise CatalogueNotFound(
            _("Procedure %(code)s has no draft to publish.") % {"code": code},
            code=CatalogueErrorCode.NO_DRAFT,
        ) from None
