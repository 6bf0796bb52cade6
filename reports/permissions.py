"""Who reads the reports: the provincial admins and the leaders (of the province, its centres and communes)."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def can_read_reports(user) -> bool:
    return user.is_authenticated and (user.is_provincial_admin or user.role == user.Role.LEADER)


def reports_required(view):
    """Anonymous visitors go to the login page; other signed-in users get 403."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not can_read_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
