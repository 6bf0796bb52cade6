"""Who sees which dossier (DESIGN.md §7): the applicant their own, a one-stop officer their centre's, an
official those with a step at their agency, a provincial admin all; everything else is not found."""

import pytest

from dossiers.errors import DossierNotFound
from dossiers.models import Dossier
from dossiers.selectors import dossier_get_for, dossier_list_for_citizen
from dossiers.services import dossier_draft_save, step_transfer
from tests.dossiers.factories import received, submitted
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db


def visible(user):
    return set(Dossier.objects.visible_to(user).values_list("pk", flat=True))


def test_the_matrix(world):
    mine = received(world)
    at_province = submitted(world, citizen=world.other_citizen, centre=world.provincial_centre, cccd="001195054321",
                            name="Trần Thị Bích")
    draft = dossier_draft_save(citizen=world.citizen, version=world.version, centre=world.centre,
                               applicant=world.applicant())
    stranger = UserFactory(role="specialist", agency=AgencyFactory())

    assert visible(world.citizen) == {mine.pk, draft.pk}
    assert visible(world.other_citizen) == {at_province.pk}
    assert visible(world.officer) == {mine.pk}
    assert visible(world.provincial_officer) == {at_province.pk}
    assert visible(world.specialist) == {mine.pk}  # a step at their agency (and their agency's centre)
    assert visible(world.admin) == {mine.pk, at_province.pk}  # never someone's unsent draft
    assert visible(stranger) == set()


def test_an_agency_sees_a_dossier_transferred_to_it(world):
    dossier = received(world)
    other = AgencyFactory(code="000.30.49.H49", name="Sở Tư pháp")
    specialist = UserFactory(role="specialist", agency=other)
    assert dossier.pk not in visible(specialist)
    step_transfer(dossier=dossier, position=2, user=world.specialist, agency=other)
    assert dossier.pk in visible(specialist)


def test_anonymous_sees_nothing(world):
    from django.contrib.auth.models import AnonymousUser

    received(world)
    assert not Dossier.objects.visible_to(AnonymousUser()).exists()


def test_someone_elses_dossier_is_not_found_like_a_missing_one(world):
    dossier = received(world)
    with pytest.raises(DossierNotFound) as theirs:
        dossier_get_for(user=world.other_citizen, uuid=dossier.uuid)
    with pytest.raises(DossierNotFound) as missing:
        dossier_get_for(user=world.other_citizen, uuid="00000000-0000-0000-0000-000000000000")
    assert theirs.value.message == missing.value.message
    with pytest.raises(DossierNotFound):
        dossier_get_for(user=world.citizen, uuid="not-a-uuid")
    assert dossier_get_for(user=world.citizen, uuid=str(dossier.uuid)) == dossier


def test_the_citizens_list_is_bounded_in_queries(world, django_assert_max_num_queries):
    for _ in range(3):
        received(world)
    with django_assert_max_num_queries(1):
        rows = [(d.code, d.centre.name, d.procedure_version.procedure.code) for d in
                dossier_list_for_citizen(user=world.citizen)]
    assert len(rows) == 3
