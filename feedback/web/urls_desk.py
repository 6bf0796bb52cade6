from django.urls import path

from feedback.web import desk, figures

urlpatterns = [
    path("desk/", desk.worklist, name="worklist"),
    path("desk/<uuid:uuid>/", desk.detail, name="detail"),
    path("desk/<uuid:uuid>/<slug:action>/", desk.act, name="act"),
    path("figures/", figures.figures, name="figures"),
]
