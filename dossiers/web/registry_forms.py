"""The prefill pieces of the online form and the counter form: the consent box, the hidden signed record
of the last lookup, and the form shown again, filled, after a lookup without JavaScript."""

from __future__ import annotations

from django import forms
from django.http import QueryDict

from dossiers.registry import Lookup


class RegistryPrefillMixin:
    def add_registry_fields(self, *, consent_label) -> None:
        self.fields["registry_consent"] = forms.BooleanField(label=consent_label, required=False)
        self.fields["registry_token"] = forms.CharField(required=False, widget=forms.HiddenInput)

    def refill(self, data: QueryDict, lookup: Lookup) -> None:
        """An unbound form showing everything the person sent (browsers never resend files), with the
        registry's values and record when the lookup found the person."""
        for name, field in self.fields.items():
            if isinstance(field, forms.FileField):
                continue
            self.initial[name] = bool(data.get(name)) if isinstance(field, forms.BooleanField) else data.get(name, "")
        if lookup.found:
            self.initial.update(lookup.values)
            self.initial["registry_token"] = lookup.token
