"""Reads of the catalogue that the public pages, the API and the back office share."""

from __future__ import annotations

import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from hotlines.models import Hotline
from portal.collation import vietnamese
from portal.text import fold
from procedures.errors import CatalogueErrorCode, CatalogueNotFound
from procedures.models import Field, InternalProcessStep, ProcedureVersion
from units.models import ServiceCentre


def catalogue_search(
    *, query: str = "", field: str | None = None, level: str | None = None, agency: str | None = None,
    online_level: str | None = None, centre: str | None = None, on: datetime.date | None = None,
) -> QuerySet[ProcedureVersion]:
    """The versions in force on ``on`` (today by default), optionally narrowed: ``query`` matches every
    word, without regard to case or diacritics, against code, name and field ("dang ky khai sinh" finds
    "Đăng ký khai sinh"); ``field``, ``agency`` and ``centre`` are the public codes / slug."""
    versions = ProcedureVersion.objects.current(on).select_related("procedure", "field", "agency")
    return catalogue_filter(
        versions, query=query, field=field, level=level, agency=agency, online_level=online_level, centre=centre
    ).order_by(vietnamese("name"), "procedure__code")


def catalogue_filter(
    versions: QuerySet[ProcedureVersion], *, query: str = "", field: str | None = None, level: str | None = None,
    agency: str | None = None, online_level: str | None = None, centre: str | None = None,
) -> QuerySet[ProcedureVersion]:
    """Narrow any version queryset by the public catalogue filters (empty values are ignored)."""
    # search_text is stored folded, so a plain LIKE on the folded words is case- and accent-insensitive,
    # and (unlike icontains' UPPER(...)) it can use the trigram index from migration 0002.
    for word in fold(query or "").split():
        versions = versions.filter(search_text__contains=word)
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
