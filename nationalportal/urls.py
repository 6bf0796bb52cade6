from django.urls import path

from nationalportal import views

app_name = "nationalportal"

urlpatterns = [
    path("outbox/", views.outbox_page, name="outbox"),
    path("outbox/failing/", views.outbox_failing_page, name="outbox_failing"),
    path("outbox/dead/", views.outbox_dead_page, name="outbox_dead"),
    path("outbox/resend/", views.outbox_resend_view, name="outbox_resend"),
    path("outbox/reconcile/", views.reconcile_now, name="reconcile"),
]
