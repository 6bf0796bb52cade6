"""Dossier pages, namespace ``dossiers``: the public lookup, the citizen's area, the officers' desk and
worklists, and the permission-checked downloads (files, results, slips, the tracking book)."""

from dossiers.web import urls_citizen, urls_documents, urls_officer, urls_public

app_name = "dossiers"

urlpatterns = [
    *urls_public.urlpatterns,
    *urls_citizen.urlpatterns,
    *urls_officer.urlpatterns,
    *urls_documents.urlpatterns,
]
