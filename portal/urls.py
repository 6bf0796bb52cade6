from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from portal import csp
from procedures import views as procedure_views

# The Django admin carries the portal's name (reference data, the calendar, staff, audit logs).
admin.site.site_header = _("Cổng Một Cửa — system administration")
admin.site.site_title = _("Cổng Một Cửa administration")
admin.site.index_title = _("Reference data and records")

api_v1 = [
    path("", include("procedures.api.urls")),
    path("", include("hotlines.api_urls")),
    path("", include("dossiers.api.urls")),
    path("", include("signatures.api.urls")),
    path("", include("documents.api.urls")),
    path("feedback/", include("feedback.api.urls")),
    path("payments/", include("payments.api.urls")),
]

urlpatterns = [
    path("", procedure_views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("accounts.urls")),
    path("centres/", include("procedures.centre_urls")),
    path("procedures/", include("procedures.urls")),
    path("dossiers/", include("dossiers.urls")),
    path("npsp/", include("nationalportal.urls")),
    path("signatures/", include("signatures.urls")),
    path("documents/", include("documents.urls")),
    path("feedback/", include("feedback.urls")),
    path("payments/", include("payments.urls")),
    path("axis/", include("axis.urls")),
    path("notifications/", include("notifications.urls")),
    path("reports/", include("reports.urls")),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its start-up script as a file: no inline script under the CSP.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    path("csp-report/", csp.report, name="csp_report"),
    path("admin/", admin.site.urls),
]

