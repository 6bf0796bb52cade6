from django.urls import path

from dossiers.web import public

urlpatterns = [
    path("lookup/", public.lookup, name="lookup"),
    path("forms/<str:code>/declaration.pdf", public.blank_declaration, name="blank_declaration"),
]
