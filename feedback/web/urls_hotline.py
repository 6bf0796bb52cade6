from django.urls import path

from feedback.web import hotline

urlpatterns = [
    path("hotline/", hotline.desk, name="hotline"),
    path("hotline/dossier-state/", hotline.dossier_state, name="hotline_dossier"),
    path("hotline/calls/", hotline.calls, name="calls"),
]
