"""API routes of the registers and search."""

from django.urls import path

from documents.api.search import DocumentSearchView

urlpatterns: list = [
    path("documents/search/", DocumentSearchView.as_view(), name="document-search"),
]
