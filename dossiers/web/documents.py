"""Permission-checked downloads: a dossier's files, its result, its slips, and the tracking book.
(Being written: see the slips work.)"""

from django.http import Http404


def file_download(request, uuid, file_id):
    raise Http404


def result_download(request, uuid):
    raise Http404


def slip_download(request, uuid, form):
    raise Http404


def tracking_book(request):
    raise Http404
