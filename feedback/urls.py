"""Petition pages, namespace ``feedback``: each audience's pages in their own file of feedback/web/."""

from feedback.web import urls_desk, urls_hotline, urls_public

app_name = "feedback"

urlpatterns = [
    *urls_public.urlpatterns,
    *urls_desk.urlpatterns,
    *urls_hotline.urlpatterns,
]
