"""Who sees which document (issue 12 §5): agency to agency, unit to unit, secret to those not given it."""

import pytest
from django.urls import reverse

from documents import permissions
from documents.models import Assignment, Document, Participant
from tests.factories import UserFactory


def make(office, *, by=None, secrecy=0, state=Document.State.REGISTERED, direction="incoming", unit=None, type_=None):
    from documents.models import DocumentType

    return Document.objects.create(
        agency=office.agency, direction=direction, state=state, subject="Về việc tổ chức Ngày hội đại đoàn kết",
        document_type=type_ or DocumentType.objects.get(code="cong-van"), secrecy=secrecy,
        created_by=by or office.clerk, drafting_unit=unit)


def seen(user):
    return set(permissions.visible_to(user).values_list("pk", flat=True))


def test_clerks_and_leaders_see_their_agencys_documents_and_no_other_agencys(office, other_office):
    mine, theirs = make(office), make(other_office)
    for user in (office.clerk, office.leader):
        assert seen(user) == {mine.pk}
    assert seen(other_office.clerk) == {theirs.pk}


def test_a_unit_sees_what_is_given_to_it_and_a_specialist_what_is_given_to_them(office):
    given_to_unit, given_to_person, elsewhere = make(office), make(office), make(office)
    Assignment.objects.create(document=given_to_unit, unit=office.culture, role="lead", assigned_by=office.leader)
    Assignment.objects.create(document=given_to_person, user=office.specialist, role="lead",
                              assigned_by=office.leader)
    Assignment.objects.create(document=elsewhere, unit=office.office, role="lead", assigned_by=office.leader)
    assert seen(office.head) == {given_to_unit.pk}
    assert seen(office.specialist) == {given_to_person.pk}
    assert seen(office.other) == set()  # the office unit's member, not its head


def test_a_unit_head_sees_its_outgoing_documents_once_they_leave_the_drafter(office):
    draft = make(office, direction="outgoing", state=Document.State.DRAFT, unit=office.culture, by=office.specialist)
    in_review = make(office, direction="outgoing", state=Document.State.IN_REVIEW, unit=office.culture,
                     by=office.specialist)
    assert seen(office.head) == {in_review.pk}
    assert draft.pk not in seen(office.head)


def test_a_secret_document_is_seen_only_by_those_given_it(office):
    secret = make(office, secrecy=Document.Secrecy.SECRET)
    Assignment.objects.create(document=secret, unit=office.culture, role="lead", assigned_by=office.leader)
    for user in (office.clerk, office.leader, office.head, office.specialist):
        assert secret.pk not in seen(user)
    Participant.objects.create(document=secret, user=office.leader, role="reader")
    assert secret.pk in seen(office.leader) and secret.pk not in seen(office.clerk)


def test_citizens_and_the_provincial_admin_see_none(office):
    make(office)
    assert seen(UserFactory()) == set()
    assert seen(UserFactory(admin=True, agency=office.agency)) == set()


@pytest.mark.parametrize("who", ["other_clerk", "specialist", "citizen"])
def test_a_document_not_yours_is_not_found_and_yours_records_the_view(client, office, other_office, who):
    document = make(office)
    users = {"other_clerk": other_office.clerk, "specialist": office.specialist, "citizen": UserFactory()}
    client.force_login(users[who])
    answer = client.get(reverse("documents:detail", args=[document.uuid]))
    assert answer.status_code == (403 if who == "citizen" else 404)
    assert not document.events.filter(kind="viewed").exists()
    client.force_login(office.clerk)
    answer = client.get(reverse("documents:detail", args=[document.uuid]))
    assert answer.status_code == 200 and "Ngày hội đại đoàn kết" in answer.content.decode()
    assert list(document.events.filter(kind="viewed").values_list("actor", flat=True)) == [office.clerk.pk]
