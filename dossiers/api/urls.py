"""``/api/v1/dossiers/``: the lookup, the list and detail, drafts and counter intake, and one endpoint per
command of the registry of actions (namespace ``dossiers_api``)."""

from django.urls import path

from dossiers import actions
from dossiers.api import views
from dossiers.api.commands import command_view

app_name = "dossiers_api"


def _command(action: actions.Action):
    view = command_view(action).as_view()
    if action.scope is actions.Scope.STEP:
        return path(f"dossiers/<uuid:uuid>/steps/<int:position>/{action.path}/", view,
                    name=f"dossier-step-{action.path}")
    return path(f"dossiers/<uuid:uuid>/{action.path}/", view, name=f"dossier-{action.path}")


urlpatterns = [
    path("dossiers/", views.DossierListView.as_view(), name="dossier-list"),
    path("dossiers/lookup/", views.DossierLookupView.as_view(), name="dossier-lookup"),
    path("dossiers/counter/", views.CounterIntakeView.as_view(), name="dossier-counter"),
    path("dossiers/<uuid:uuid>/", views.DossierDetailView.as_view(), name="dossier-detail"),
    path("dossiers/<uuid:uuid>/draft/", views.DraftUpdateView.as_view(), name="dossier-draft"),
    *(_command(action) for action in actions.commands()),
]
