from django.urls import include, path

app_name = "feedback"
urlpatterns = [
    path("", include("feedback.web.urls_desk")),
    path("", include("feedback.web.urls_hotline")),
]
