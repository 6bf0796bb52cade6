from functools import cached_property

from django.conf import settings


class SiteChrome:
    """What the shell of every page shows: the province's name and its hotlines.

    Both are read lazily and at most once per request (the header, the footer and a page may all
    ask), so a page that renders them costs two small queries whatever it shows."""

    @cached_property
    def province(self):
        from units.selectors import province

        return province()

    @cached_property
    def province_name(self) -> str:
        unit = self.province
        return unit.display_name if unit is not None else settings.PROVINCE_NAME

    @cached_property
    def hotlines(self) -> list:
        from hotlines.selectors import province_hotlines

        return list(province_hotlines())


def site(request):
    return {"PROVINCE_NAME": settings.PROVINCE_NAME, "site": SiteChrome()}
