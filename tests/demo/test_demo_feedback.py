"""The demo's petitions: one in every state, one about a demo dossier, an overdue one escalated to the centre's
director and then to the provincial admin, and hotline calls in the log — so every desk of issue 14 has work."""

import datetime as dt

import pytest

from feedback.models import HotlineCall, Petition, PetitionEvent
from outbox.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_every_state_an_escalation_and_the_call_log(seeded):
    petitions = Petition.objects.all()
    assert set(petitions.values_list("state", flat=True)) == set(Petition.State.values)
    about = petitions.get(dossier__isnull=False)
    assert about.dossier.applicant.username == "022090012345"
    assert about.agency == about.dossier.centre.agency  # the ward, which handles the demo dossiers
    late = petitions.get(escalation_level=2)
    assert late.is_overdue and late.state == Petition.State.IN_PROGRESS
    rises = list(late.events.filter(kind=PetitionEvent.Kind.ESCALATED).order_by("at").values_list("data__level", "at"))
    assert [level for level, _at in rises] == [1, 2]
    assert rises[1][1] - rises[0][1] >= dt.timedelta(days=7)  # its history reads as the week it was
    forwarded_in = petitions.get(events__kind=PetitionEvent.Kind.ARRIVED)
    assert forwarded_in.agency.is_people_committee and forwarded_in.state == Petition.State.RECEIVED
    published = petitions.get(state=Petition.State.PUBLISHED)
    assert published.rating == Petition.Rating.SATISFIED and "Nguyễn Văn An" not in published.public_content
    calls = HotlineCall.objects.all()
    assert calls.count() == 3 and calls.filter(outcome=HotlineCall.Outcome.PETITION, petition__isnull=False).count() == 1
    assert OutboxMessage.objects.filter(topic=OutboxMessage.Topic.PETITION_EVENT).count() == PetitionEvent.objects.count()
