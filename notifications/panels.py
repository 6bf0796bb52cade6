"""The notices sent about a dossier, on its page: for the officials every message (the applicant's and the
officials' own), for the applicant theirs; each with its channel, masked recipient, time and state."""

from __future__ import annotations

from django.template.loader import render_to_string

from notifications import selectors


def official_panel(request, dossier) -> str | None:
    if not request.user.is_authenticated or not request.user.is_official:
        return None
    return _render(request, selectors.dossier_notifications(dossier_id=dossier.pk), audience="official")


def applicant_panel(request, dossier) -> str | None:
    return _render(request, selectors.dossier_notifications(dossier_id=dossier.pk, applicant_only=True),
                   audience="applicant")


def _render(request, notifications, *, audience: str) -> str | None:
    if not notifications:
        return None
    return render_to_string("notifications/dossier_panel.html",
                            {"notifications": notifications, "audience": audience}, request=request)


def petition_panel(request, petition) -> str | None:
    """The officials' petition page: the messages sent to the citizen about it."""
    if not request.user.is_authenticated or not request.user.is_official:
        return None
    return _render(request, selectors.petition_notifications(petition_id=petition.pk), audience="official")
