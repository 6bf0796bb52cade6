"""Public reads of hotlines (đường dây nóng)."""

from __future__ import annotations

from django.db.models import Case, Prefetch, Q, QuerySet, Value, When

from hotlines.models import Hotline
from portal.collation import vietnamese
from units.models import ServiceCentre


def province_hotlines() -> QuerySet[Hotline]:
    """Active province-wide hotlines, in display order."""
    return Hotline.objects.filter(is_active=True, centre__isnull=True).order_by("position", "id")


def hotline_list_public(*, centre: str | None = None) -> QuerySet[Hotline]:
    """Active hotlines the public may call: province-wide ones first, then those of the provincial centre,
    then the communal centres'. Hotlines of unpublished centres are left out. ``centre`` (a slug) keeps
    only that centre's hotlines."""
    hotlines = (
        Hotline.objects.filter(is_active=True)
        .filter(Q(centre__isnull=True) | Q(centre__is_published=True))
        .select_related("centre")
    )
    if centre:
        hotlines = hotlines.filter(centre__slug=centre)
    group = Case(
        When(centre__isnull=True, then=Value(0)),
        When(centre__level=ServiceCentre.Level.PROVINCE, then=Value(1)),
        default=Value(2),
    )
    return hotlines.order_by(group, vietnamese("centre__name"), "centre_id", "position", "id")


def with_hotlines(centres):
    """Centres (a queryset of units' ServiceCentre) with their active hotlines, in one more query."""
    return centres.prefetch_related(Prefetch("hotlines", queryset=Hotline.objects.filter(is_active=True)))
