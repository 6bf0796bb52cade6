"""The site's chrome on every page: the province's name and its hotlines (the data of units and hotlines,
so it lives in the higher of the two)."""

from functools import cached_property

from django.conf import settings

from hotlines.selectors import province_hotlines
from units.selectors import province


class SiteChrome:
    """What the shell of every page shows: the province's name and its hotlines.

    Both are read lazily and at most once per request (the header, the footer and a page may all
    ask), so a page that renders them costs two small queries whatever it shows."""

    @cached_property
    def province(self):
        return province()

    @cached_property
    def province_name(self) -> str:
        unit = self.province
        return unit.display_name if unit is not None else settings.PROVINCE_NAME

    @cached_property
    def hotlines(self) -> list:
        return list(province_hotlines())


def site(request):
    return {"PROVINCE_NAME": settings.PROVINCE_NAME, "site": SiteChrome()}
