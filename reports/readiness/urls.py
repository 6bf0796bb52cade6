from django.urls import path

from reports.readiness import views

# Mounted in reports/urls.py, namespace "reports". The unit's code is its statistical code (5 digits for a
# commune, 2 for the province).
urlpatterns = [
    path("readiness/", views.board, name="readiness"),
    path("readiness/<str:code>/", views.unit_page, name="readiness_unit"),
    path("readiness/<str:code>/confirm/<slug:item>/", views.manual_confirm, name="readiness_confirm"),
]
