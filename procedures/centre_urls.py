from django.urls import path

from procedures import centre_views as views

app_name = "centres"

urlpatterns = [
    path("", views.centre_list, name="centre_list"),
    path("<slug:slug>/", views.centre_detail, name="centre_detail"),
]
