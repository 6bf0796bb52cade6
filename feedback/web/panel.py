"""The petitions about a dossier, on the officials' dossier page (dossiers.web.panels): "Petitions about a
dossier appear on that dossier's page for the officials who handle it" (issue 14 §2)."""

from __future__ import annotations

from django.template.loader import render_to_string

from feedback import worklists


def petitions_panel(request, dossier) -> str | None:
    user = request.user
    if not user.is_authenticated or not user.is_official:
        return None
    petitions = worklists.dossier_petitions(user=user, dossier=dossier)
    if not petitions:
        return None
    return render_to_string("feedback/includes/dossier_panel.html", {"petitions": petitions}, request=request)
