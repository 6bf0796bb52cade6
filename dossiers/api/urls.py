"""``/api/v1/dossiers/``: the lookup, the list and detail, drafts and counter intake, and one endpoint per
command (namespace ``dossiers_api``)."""

from django.urls import path

from dossiers.api import commands, views

app_name = "dossiers_api"

_COMMANDS = [
    ("submit", commands.SubmitView),
    ("receive", commands.ReceiveView),
    ("request-supplement", commands.RequestSupplementView),
    ("supplement", commands.SupplementView),
    ("refuse", commands.RefuseView),
    ("extend", commands.ExtendView),
    ("stop", commands.StopView),
    ("return", commands.ReturnView),
    ("withdraw", commands.WithdrawView),
    ("rate", commands.RateView),
]
_STEP_COMMANDS = [
    ("take", commands.StepTakeView),
    ("complete", commands.StepCompleteView),
    ("return", commands.StepReturnView),
    ("transfer", commands.StepTransferView),
]

urlpatterns = [
    path("dossiers/", views.DossierListView.as_view(), name="dossier-list"),
    path("dossiers/lookup/", views.DossierLookupView.as_view(), name="dossier-lookup"),
    path("dossiers/counter/", views.CounterIntakeView.as_view(), name="dossier-counter"),
    path("dossiers/<uuid:uuid>/", views.DossierDetailView.as_view(), name="dossier-detail"),
    path("dossiers/<uuid:uuid>/draft/", views.DraftUpdateView.as_view(), name="dossier-draft"),
    *(path(f"dossiers/<uuid:uuid>/{name}/", view.as_view(), name=f"dossier-{name}") for name, view in _COMMANDS),
    *(path(f"dossiers/<uuid:uuid>/steps/<int:position>/{name}/", view.as_view(), name=f"dossier-step-{name}")
      for name, view in _STEP_COMMANDS),
]
