"""Who may open a back-office page."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def admin_required(view):
    """Anonymous visitors go to the login page; signed-in users who are not provincial admins get 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not request.user.is_provincial_admin:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
