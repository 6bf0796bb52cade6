from django.urls import path

from reports.daily import views as daily
from reports.readiness.urls import urlpatterns as readiness_urls
from reports.web import indicators, public

app_name = "reports"

# Each part of the reports adds its pages here: the indicators (reports/indicators/), the daily report
# (reports/daily/), the readiness board (reports/readiness/) and the public statistics (reports/public/).
urlpatterns = [
    path("indicators/", indicators.indicators_page, name="indicators"),
    path("indicators/dossiers/", indicators.indicator_dossiers_page, name="indicator_dossiers"),
    path("statistics/", public.statistics_page, name="public"),
    path("daily/", daily.history, name="daily"),
    path("daily/build/", daily.build, name="daily_build"),
    path("daily/<str:day>/<str:kind>/", daily.download, name="daily_file"),
    *readiness_urls,
]
