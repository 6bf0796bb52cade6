"""Django admin's add pages take initial values from the URL; a relation given a value that is no key
(``/admin/units/servicecentre/add/?agency=:``) answered 500. Every registered model, every relation."""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.security.routes import clients

pytestmark = pytest.mark.django_db


def test_no_add_page_fails_on_initial_values_from_the_url(world):
    operator = clients(world)["operator"]
    failures, checked = [], 0
    for model, model_admin in admin.site._registry.items():
        relations = [f.name for f in model._meta.get_fields() if f.is_relation and f.concrete]
        if not relations or not model_admin.has_add_permission(type("R", (), {"user": _superuser()})()):
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
        for name in relations:
            for value in (":", "x,1", "-1", "9" * 30):
                checked += 1
                response = operator.get(url, {name: value})
                if response.status_code >= 500:
                    failures.append(f"{url}?{name}={value}: {response.status_code}")
        assert operator.get(url, {relations[0]: ":"}).status_code == 200
    assert checked > 20
    assert not failures, "\n".join(failures)


def _superuser():
    from accounts.models import User

    return User.objects.get(username="operator")
