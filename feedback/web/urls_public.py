"""The public and citizen's pages of petitions: the answers, tracking by code, the online form, my petitions
and the attachments."""

from django.urls import path

from feedback.web import citizen, public, tracking

urlpatterns = [
    path("", public.answers, name="public"),
    path("answers/<str:code>/", public.answer, name="answer"),
    path("track/", tracking.track, name="track"),
    path("new/", citizen.submit, name="submit"),
    path("new/sent/", citizen.sent, name="sent"),
    path("mine/", citizen.mine, name="mine"),
    path("files/<int:pk>/", tracking.download, name="file"),
]
