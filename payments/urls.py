"""Payment pages, namespace ``payments``."""

from django.urls import path

from payments.web import views

app_name = "payments"

urlpatterns = [
    path("dossiers/<uuid:uuid>/pay/", views.pay, name="pay"),
    path("dossiers/<uuid:uuid>/request/", views.request_payment, name="request"),
    path("return/", views.payment_return, name="return"),
    path("ipn/", views.ipn, name="ipn"),
    path("<uuid:uuid>/receipt/", views.receipt, name="receipt"),
    path("<uuid:uuid>/refund/", views.refund, name="refund"),
    path("receipts/<uuid:uuid>/", views.receipt_verify, name="verify"),
]
