"""Publishing from the back office: the decision and the publication stand or fall together."""

import datetime as dt

import pytest

from procedures.errors import CatalogueError
from procedures.models import ProcedureVersion, PublicationDecision
from procedures.services import procedure_draft_save, procedure_publish_under_new_decision
from tests.factories import UserFactory
from tests.procedures.factories import make_data

pytestmark = pytest.mark.django_db


def _publish(drafts, admin, **overrides):
    arguments = dict(
        versions=drafts, number="15/QĐ-UBND", signed_on=dt.date(2025, 7, 1), signer="Trần Văn Ký",
        signer_position="Chủ tịch", effective_from=dt.date(2025, 7, 1), actor=admin,
    )
    arguments.update(overrides)
    return procedure_publish_under_new_decision(**arguments)


def test_the_drafts_are_published_under_the_new_decision():
    admin = UserFactory(admin=True)
    draft = procedure_draft_save(code="1.001193", data=make_data(), actor=admin)

    decision, [version] = _publish([draft], admin)

    assert decision.number == "15/QĐ-UBND"
    assert version.status == ProcedureVersion.Status.PUBLISHED
    assert version.decision == decision


def test_a_failed_publication_leaves_no_decision_behind():
    admin = UserFactory(admin=True)
    draft = procedure_draft_save(code="1.001193", data=make_data(), actor=admin)

    with pytest.raises(CatalogueError):
        # An effective date before the decision was signed is refused by the publication step.
        _publish([draft], admin, effective_from=dt.date(2025, 6, 1))

    assert not PublicationDecision.objects.exists()
    draft.refresh_from_db()
    assert draft.status == ProcedureVersion.Status.DRAFT
