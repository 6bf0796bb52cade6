"""Panels that apps above feedback add to a petition's page for the officials (the notices sent about it:
notifications), as dossiers.web.panels does for dossiers. Each is registered once, from its app's
``AppConfig.ready()``, as ``fn(request, petition)`` returning HTML or None; feedback imports none of them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

from feedback.models import Petition

Panel = Callable[[HttpRequest, Petition], SafeString | str | None]
_PANELS: list[Panel] = []


def petition_panel_register(fn: Panel) -> Panel:
    if fn not in _PANELS:
        _PANELS.append(fn)
    return fn


def petition_panels(request: HttpRequest, petition: Petition) -> list[SafeString | str]:
    return [html for html in (fn(request, petition) for fn in _PANELS) if html]
