from django.urls import path

from dossiers.web import public

urlpatterns = [
    path("lookup/", public.lookup, name="lookup"),
]
