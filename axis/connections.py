"""Each agency's connection to the axis (models.Connection): its registration as an organ, and the last
exchange that worked or failed, which the readiness page shows."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from axis import client
from axis.models import Connection
from axis.packing import printed
from units.models import Agency


def succeeded(agency_ids: Iterable[int | None]) -> None:
    ids = [pk for pk in agency_ids if pk]
    if ids:
        Connection.objects.filter(agency_id__in=ids).update(last_success_at=timezone.now())


def failed(agency_id: int | None, error: str) -> None:
    if agency_id:
        Connection.objects.filter(agency_id=agency_id).update(last_error=error[:1000], last_error_at=timezone.now())


def connection_register(agency: Agency) -> Connection:
    """Register ``agency`` with the axis as an organ under its electronic identification code (again if it was
    renamed); raises client.AxisError when the axis does not take it."""
    connection, _created = Connection.objects.get_or_create(agency=agency)
    client.organ_register(printed(agency.code), agency.name)
    now = timezone.now()
    connection.registered_at = connection.last_success_at = now
    connection.save(update_fields=["registered_at", "last_success_at"])
    return connection


def ensure_registered(agency_id: int | None) -> None:
    """Register the sending agency first if it never was (the axis refuses packages from an unknown organ)."""
    if agency_id and not Connection.objects.filter(agency_id=agency_id, registered_at__isnull=False).exists():
        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is not None:
            connection_register(agency)


def agencies_on_axis():
    """The agencies that keep official documents (an incoming register in use): each has a mailbox."""
    return Agency.objects.filter(document_registers__direction="incoming", document_registers__is_active=True
                                 ).distinct().order_by("code")
