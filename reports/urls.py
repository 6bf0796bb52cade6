from reports.readiness.urls import urlpatterns as readiness_urls

app_name = "reports"

# Each part of the reports adds its pages here: the indicators (reports/indicators/), the daily report
# (reports/daily/), the readiness board (reports/readiness/) and the public statistics (reports/public/).
urlpatterns: list = [*readiness_urls]
