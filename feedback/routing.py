"""Which agency receives a new petition: the one it is about, when the portal knows it — the agency at the
dossier's current step (else the receiving centre's), the centre's agency, the procedure's agency — and
otherwise the province's receiving agency (FEEDBACK_RECEIVING_AGENCY, an electronic code; by default the
agency of the provincial Public Administration Service Centre, where the hotline is answered)."""

from __future__ import annotations

from django.conf import settings

from dossiers.models import DossierStep
from procedures.models import ProcedureVersion
from units.models import Agency, ServiceCentre


def receiving_agency(*, dossier=None, centre=None, procedure=None) -> Agency | None:
    if dossier is not None:
        current = (dossier.steps.filter(state__in=(DossierStep.State.ACTIVE, DossierStep.State.TAKEN))
                   .select_related("agency").first())
        if current is not None:
            return current.agency
        return dossier.centre.agency
    if centre is not None:
        return centre.agency
    if procedure is not None:
        version = ProcedureVersion.objects.current().filter(procedure=procedure).select_related("agency").first()
        if version is not None:
            return version.agency
    return province_agency()


def province_agency() -> Agency | None:
    if settings.FEEDBACK_RECEIVING_AGENCY:
        agency = Agency.objects.filter(code=settings.FEEDBACK_RECEIVING_AGENCY).first()
        if agency is not None:
            return agency
    centre = (ServiceCentre.objects.filter(level=ServiceCentre.Level.PROVINCE).select_related("agency")
              .order_by("-is_published", "pk").first())
    return centre.agency if centre else None
