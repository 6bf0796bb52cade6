from django.urls import path

from axis import views

app_name = "axis"

urlpatterns = [
    path("", views.readiness_page, name="readiness"),
    path("resend/", views.resend_view, name="resend"),
    path("received/", views.received_page, name="received"),
]
