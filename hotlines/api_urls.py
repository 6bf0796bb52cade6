from django.urls import path
from rest_framework.routers import SimpleRouter

from hotlines.api import CentreViewSet, HotlineListView

app_name = "hotlines_api"

router = SimpleRouter()
router.register("centres", CentreViewSet, basename="centre")

urlpatterns = [
    *router.urls,
    path("hotlines/", HotlineListView.as_view(), name="hotline-list"),
]
