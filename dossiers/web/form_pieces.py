"""Pieces the citizen's and the officials' forms share: the services' errors put back on the fields, and
one file input per required component of the procedure."""

from __future__ import annotations

from django import forms

from portal.forms import ServiceErrorsMixin

__all__ = ["ComponentFilesMixin", "ServiceErrorsMixin", "component_field_name"]


def component_field_name(component) -> str:
    return f"component_{component.pk}"


class ComponentFilesMixin:
    """One optional file input per required component (mandatory ones are checked when submitting)."""

    def add_component_fields(self, components) -> None:
        self.components = list(components)
        for component in self.components:
            self.fields[component_field_name(component)] = forms.FileField(
                label=component.display_name, required=False,
                widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/*"}),
            )

    def component_rows(self, current_files=()):
        """(component, bound field, current file or None) in the procedure's order, for the template."""
        files = {f.component_id: f for f in current_files}
        return [(c, self[component_field_name(c)], files.get(c.pk)) for c in self.components]

    def uploads(self) -> dict[int, object]:
        return {c.pk: self.cleaned_data[component_field_name(c)] for c in self.components
                if self.cleaned_data.get(component_field_name(c))}
