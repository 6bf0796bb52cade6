"""Routes of the registers, reports and search pages."""

from django.urls import path

from documents.web import registers, search

urlpatterns: list = [
    path("search/", search.search, name="search"),
    path("registers/", registers.registers, name="registers"),
    path("reports/", registers.report, name="reports"),
]
