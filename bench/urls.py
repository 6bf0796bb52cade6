"""The product's URLs unchanged, and one more: the bare baseline of the public lookup."""

from django.urls import path

from bench import views
from portal.urls import urlpatterns as product

urlpatterns = [path("bench/bare-lookup/", views.bare_lookup, name="bench-bare-lookup"), *product]
