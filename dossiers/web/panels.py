"""Panels that apps above dossiers add to the officials' dossier page (the petitions about the dossier, from
feedback): each is registered once, from its app's ``AppConfig.ready()``, as ``fn(request, dossier)`` returning
the panel's HTML, or None when it has nothing to show this official. dossiers imports none of them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from dossiers.models import Dossier

Panel = Callable[[HttpRequest, Dossier], SafeString | str | None]
_PANELS: list[Panel] = []


def dossier_panel_register(fn: Panel) -> Panel:
    """Add ``fn`` to the dossier page (once, however often ready() runs)."""
    if fn not in _PANELS:
        _PANELS.append(fn)
    return fn


def dossier_panels(request: HttpRequest, dossier: Dossier) -> list[SafeString | str]:
    """The registered panels' HTML for this dossier and official, in the order they were registered."""
    return [html for html in (fn(request, dossier) for fn in _PANELS) if html]
