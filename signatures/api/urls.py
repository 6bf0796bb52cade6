from django.urls import path

from signatures.api import views

urlpatterns = [
    path("signatures/verify/", views.VerifyView.as_view(), name="api-signatures-verify"),
]
