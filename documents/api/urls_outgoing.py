"""API routes of the documents' outgoing flow: a new draft, its revision, replacement and correction, and one
endpoint per command of documents.outgoing_actions."""

from django.urls import path

from documents import outgoing_actions
from documents.api import outgoing

urlpatterns: list = [
    path("documents/outgoing/", outgoing.OutgoingCreateView.as_view(), name="outgoing-create"),
    path("documents/<uuid:uuid>/revise/", outgoing.ReviseView.as_view(), name="outgoing-revise"),
    path("documents/<uuid:uuid>/replace/", outgoing.ReplaceView.as_view(), name="outgoing-replace"),
    path("documents/<uuid:uuid>/correct/", outgoing.CorrectView.as_view(), name="outgoing-correct"),
    *(path(f"documents/<uuid:uuid>/{action.path}/", outgoing.command_view(action).as_view(),
           name=f"outgoing-{action.path}") for action in outgoing_actions.ACTIONS),
]
