from django.urls import path

from units import views

app_name = "units"

urlpatterns = [
    path("", views.centre_list, name="centre_list"),
    path("<slug:slug>/", views.centre_detail, name="centre_detail"),
]
