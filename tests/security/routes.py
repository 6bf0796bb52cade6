"""Every URL the portal routes, made concrete, and a client per kind of visitor: the sweeps of the security
tests go over all of them, so a new page is swept without anyone listing it."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver


def routes(resolver: URLResolver | None = None, prefix: str = ""):
    """Every URL pattern, as (route, name): routes keep Django's <converter:name>, regexes their groups."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        text = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern, text)
        elif isinstance(pattern, URLPattern):
            yield text, pattern.name or ""


def concrete(route: str, values: dict[str, str]) -> str:
    """A path for the route: each parameter filled from ``values`` by its name, or "x"."""
    path = route
    while (group := re.search(r"\(\?P<(\w+)>", path)) is not None:  # a regex group, nested parentheses and all
        depth, end = 1, group.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(path[end], 0) if path[end - 1] != "\\" else 0
            end += 1
        path = path[:group.start()] + values.get(group.group(1), "x") + path[end:]
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values.get(m.group(1), "x"), path)
    return "/" + path.replace("^", "").replace("$", "").lstrip("/")


ROUTES = sorted(set(routes()))




def route_values(world, dossier) -> dict[str, str]:
    """Path parameters that reach real rows (the dossier, its first file, the procedure, the centre)."""
    return {"uuid": str(dossier.uuid), "code": world.version.procedure.code, "slug": world.centre.slug,
            "file_id": str(dossier.files.first().pk), "position": "1", "form": "01", "kind": "root",
            "app_label": "dossiers", "action": "take", "pk": str(dossier.uuid), "object_id": str(dossier.pk)}


def clients(world) -> dict[str, Client]:
    """Anonymous, a citizen, a one-stop officer, a provincial admin and the operator (Django admin)."""
    from accounts.models import User

    operator = User.objects.filter(username="operator").first() or User.objects.create_superuser(
        "operator", "operator@example.vn", "Operator-Password-2025!")
    logged_in = {"anonymous": None, "citizen": world.citizen, "officer": world.officer, "admin": world.admin,
                 "operator": operator}
    result = {}
    for role, user in logged_in.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        client.cookies["django_language"] = "en"
        result[role] = client
    return result
