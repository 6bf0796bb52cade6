from django.urls import path
from rest_framework.routers import SimpleRouter

from procedures.api.commands import DecisionCreateView, ProcedurePublishView
from procedures.api.views import FieldListView, ProcedureViewSet

app_name = "procedures_api"

router = SimpleRouter()
router.register("procedures", ProcedureViewSet, basename="procedure")

urlpatterns = [
    *router.urls,
    path("procedures/<str:code>/publish/", ProcedurePublishView.as_view(), name="procedure-publish"),
    path("fields/", FieldListView.as_view(), name="field-list"),
    path("decisions/", DecisionCreateView.as_view(), name="decision-create"),
]
