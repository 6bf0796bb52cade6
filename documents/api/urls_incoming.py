"""API routes of the incoming flow: receive (paper) and one command per step of a document."""

from django.urls import path

from documents.api import incoming

urlpatterns: list = [
    path("documents/incoming/receive/", incoming.ReceiveView.as_view(), name="incoming-receive"),
    *(path(f"documents/<uuid:uuid>/{command.name}/", incoming.command_view(command).as_view(),
           name=f"incoming-{command.name}") for command in incoming.COMMANDS),
]
