from django.urls import path

from dossiers.web import citizen, registry

urlpatterns = [
    path("new/<str:code>/", citizen.start, name="start"),
    path("mine/", citizen.mine, name="mine"),
    # Identity prefill for the online form and the counter intake (citizens and one-stop officers).
    path("registry/lookup/", registry.lookup, name="registry_lookup"),
    path("<uuid:uuid>/", citizen.detail, name="detail"),
    path("<uuid:uuid>/edit/", citizen.edit, name="edit"),
    path("<uuid:uuid>/submit/", citizen.submit, name="submit"),
    path("<uuid:uuid>/delete/", citizen.delete_draft, name="delete_draft"),
    path("<uuid:uuid>/supplement/", citizen.supplement, name="supplement"),
    path("<uuid:uuid>/withdraw/", citizen.withdraw, name="withdraw"),
    path("<uuid:uuid>/collect/", citizen.collect, name="collect"),
    path("<uuid:uuid>/rate/", citizen.rate, name="rate"),
]
