"""Routes of the incoming pages (văn bản đến)."""

from django.urls import path

from documents.web import incoming

urlpatterns: list = [
    path("incoming/", incoming.worklist, name="incoming"),
    path("incoming/receive/", incoming.receive, name="incoming_receive"),
    path("<uuid:uuid>/incoming/<slug:action>/", incoming.act, name="incoming_act"),
    path("<uuid:uuid>/direction-slip/", incoming.direction_slip, name="incoming_slip"),
]
