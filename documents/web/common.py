"""What every document page shares: the officials-only guard, fetching a document the user may see (and
recording the view, Appendix VI), and the messages of a refused action."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import User
from documents import events, permissions
from documents.models import Document


def documents_official_required(view):
    """Anonymous visitors log in; citizens and the provincial admin (who keeps the catalogue, not the
    agencies' correspondence) get 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not user.is_official or user.role == User.Role.ADMIN or not user.agency_id:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def visible_document_or_404(user: User, uuid, *, record_view: bool = False) -> Document:
    """The document if ``user`` may see it, else 404 — the same answer for one that does not exist, so
    identifiers cannot be probed. ``record_view`` writes the view into its trail."""
    document = (permissions.visible_to(user, Document.objects.select_related("document_type", "agency", "register"))
                .filter(uuid=uuid).first())
    if document is None:
        raise Http404
    if record_view:
        events.viewed(document, actor=user)
    return document
