"""The baseline of the public lookup: a bare Django view (no DRF, no rate limit, no serializer) doing
one indexed query by code — what the lookup would cost if it did nothing else. Mounted only by
bench/urls.py."""

from django.http import JsonResponse

from dossiers.errors import DossierErrorCode
from dossiers.models import Dossier


def bare_lookup(request):
    code = (request.GET.get("code") or "").strip().upper()
    row = (Dossier.objects.filter(code=code).exclude(state=Dossier.State.DRAFT)
           .values("code", "state", "received_at", "due_at")[:1])
    row = next(iter(row), None)
    if row is None:
        return JsonResponse({"code": DossierErrorCode.NOT_FOUND}, status=404)
    return JsonResponse(row)
