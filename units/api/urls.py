from django.urls import path
from rest_framework.routers import SimpleRouter

from hotlines.api import HotlineListView
from units.api.views import CentreViewSet

app_name = "units_api"

router = SimpleRouter()
router.register("centres", CentreViewSet, basename="centre")

urlpatterns = [
    *router.urls,
    path("hotlines/", HotlineListView.as_view(), name="hotline-list"),
]
