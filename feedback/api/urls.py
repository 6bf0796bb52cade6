"""``/api/v1/feedback/``: petitions (submission, list, detail and one endpoint per action of feedback.actions),
public tracking by code, the published answers, and the hotline desk's call log (namespace ``feedback_api``)."""

from django.urls import path

from feedback.api import views
from feedback.api.commands import command_views

app_name = "feedback_api"

urlpatterns = [
    path("petitions/", views.PetitionListView.as_view(), name="petition-list"),
    path("petitions/<str:code>/", views.PetitionDetailView.as_view(), name="petition-detail"),
    *(path(f"petitions/<str:code>/{action.path}/", view.as_view(), name=f"petition-{action.path}")
      for action, view in command_views()),
    path("track/<str:code>/", views.TrackView.as_view(), name="track"),
    path("published/", views.PublishedListView.as_view(), name="published-list"),
    path("published/<str:code>/", views.PublishedDetailView.as_view(), name="published-detail"),
    path("calls/", views.CallListView.as_view(), name="call-list"),
]
