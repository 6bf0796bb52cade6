"""Pieces the apps' Django admin classes share."""

from __future__ import annotations

from django.core.exceptions import FieldDoesNotExist, ValidationError


class CheckedInitialMixin:
    """Django admin's add form takes initial values from the URL (``?agency=3``), and an autocomplete widget
    queries with them as they are: ``?agency=:`` raised ValueError, a 500. Values of relations that are not
    keys of the related model are dropped, so the form opens empty for them."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        return {name: value for name, value in initial.items() if self._initial_is_valid(name, value)}

    def _initial_is_valid(self, name: str, value) -> bool:
        try:
            field = self.model._meta.get_field(name)
        except FieldDoesNotExist:
            return True
        if not field.is_relation or field.target_field is None:
            return True
        try:
            for item in value if isinstance(value, list) else [value]:
                field.target_field.to_python(item)
        except (ValidationError, ValueError, TypeError):
            return False
        return True


class ReadOnlyAdminMixin:
    """A record kept by the services (a history, an audit log): shown in the admin, never added, changed or
    deleted there, so what it records stays whole."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
