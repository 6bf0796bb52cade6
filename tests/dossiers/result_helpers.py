"""The test province's birth registration with the demo's e-form (Circular 04/2020's questions), a dossier of
it walked along the internal process, and the certificates the result's signatures need."""

from __future__ import annotations

import datetime as dt

from demo.catalogue import _form_field
from demo.data import forms as form_data
from dossiers.models import Dossier
from dossiers.services import dossier_draft_save, dossier_receive, dossier_submit
from procedures.services import (
    decision_create,
    procedure_draft_from_published,
    procedure_form_save,
    procedure_publish,
)
from signatures import services as signature_services

PIN = "482915"
BORN = dt.date(2026, 11, 20)


def with_birth_form(world):
    """The birth registration republished with the demo's e-form standing for its first paper."""
    position, questions = form_data.FORMS["1.001193"]
    draft = procedure_draft_from_published(procedure=world.version.procedure, actor=world.admin)
    procedure_form_save(version=draft, fields=tuple(_form_field(q) for q in questions), form_component=position,
                        actor=world.admin)
    decision = decision_create(number="03/QĐ-UBND-TEST", signed_on=dt.date(2025, 6, 30), signer="Trần Văn Ký",
                               signer_position="Chủ tịch", actor=world.admin)
    [world.version] = procedure_publish(versions=[draft], decision=decision, effective_from=dt.date(2025, 7, 1),
                                        actor=world.admin)
    return world


def birth_dossier(world, *, index: int = 0) -> Dossier:
    """A birth registration with the demo citizen's answers (the child Nguyễn Minh Khang), received: the
    specialist's step is to do."""
    answers = {**form_data.birth_answers(index, BORN), "ngay_sinh": BORN.isoformat()}
    uploads = {c.pk: _pdf() for c in world.version.components.all() if c.is_mandatory and not c.filled_by_form}
    draft = dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                               applicant=world.applicant(), uploads=uploads, form_data=answers)
    return dossier_receive(dossier=dossier_submit(dossier=draft, citizen=world.citizen), officer=world.officer)


def _pdf():
    from tests.dossiers.factories import pdf_upload

    return pdf_upload()


def certify(world, user=None):
    """The certificate authority, ``user``'s (default: the leader's) certificate, the ward's organisation one."""
    signature_services.ca_init()
    user = user or world.leader
    request = signature_services.certificate_request_create(admin=world.admin, official=user)
    request = signature_services.certificate_request_approve(request=request, admin=world.admin)
    certificate = signature_services.certificate_issue(request=request, official=user, pin=PIN, pin_confirm=PIN)
    request = signature_services.certificate_request_create(admin=world.admin, agency=world.commune_agency)
    signature_services.certificate_request_approve(request=request, admin=world.admin)
    return certificate
