from django.urls import path

from notifications import views

app_name = "notifications"

urlpatterns = [
    path("preferences/", views.preferences, name="preferences"),
    path("sms/delivery-report/", views.sms_delivery_report, name="sms_dlr"),
]
