"""``/api/v1/payments/``: a dossier's fees and payments, and the start of a payment (namespace ``payments_api``)."""

from django.urls import path

from payments.api import views

app_name = "payments_api"

urlpatterns = [
    path("dossiers/<uuid:uuid>/", views.DossierPaymentsView.as_view(), name="dossier"),
    path("dossiers/<uuid:uuid>/start/", views.PaymentStartView.as_view(), name="start"),
]
