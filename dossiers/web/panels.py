"""Panels that apps above dossiers add to a dossier's page: the petitions about the dossier (feedback), its
payments (payments), the notices sent about it (notifications). Each is registered once, from its app's
``AppConfig.ready()``, as ``fn(request, dossier)`` returning the panel's HTML, or None when it has nothing to show
this user — for the officials' page (``audience="official"``, the default) or the applicant's own page
(``audience="applicant"``), where a panel asking something of the applicant (pay) goes at the top
(``place="top"``) and one to read when they wish (the notices sent) beside the files (``place="aside"``).
dossiers imports none of them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from django.http import HttpRequest
from django.utils.safestring import SafeString

from dossiers.models import Dossier

Panel = Callable[[HttpRequest, Dossier], SafeString | str | None]
Audience = Literal["official", "applicant"]
Place = Literal["top", "aside"]
_PANELS: dict[str, list[Panel]] = {"official": [], "applicant": [], "applicant:aside": []}


def _key(audience: Audience, place: Place) -> str:
    return f"{audience}:aside" if audience == "applicant" and place == "aside" else audience


def dossier_panel_register(fn: Panel, *, audience: Audience = "official", place: Place = "top") -> Panel:
    """Add ``fn`` to the dossier page of ``audience`` (once, however often ready() runs)."""
    panels = _PANELS[_key(audience, place)]
    if fn not in panels:
        panels.append(fn)
    return fn


def dossier_panels(request: HttpRequest, dossier: Dossier, *, audience: Audience = "official",
                   place: Place = "top") -> list[SafeString | str]:
    """The registered panels' HTML for this dossier and user, in the order they were registered."""
    return [html for html in (fn(request, dossier) for fn in _PANELS[_key(audience, place)]) if html]
