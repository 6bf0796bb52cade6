"""Officials hear of an incoming document given to them: by the leader's direction (a named official; not one
"for information") and by the unit head's assignment."""

import pytest

from documents.services.handling import DirectionLine, incoming_assign, incoming_direct
from documents.services.incoming import incoming_register
from notifications.models import Notification
from tests.documents.conftest import office_make
from tests.documents.incoming_helpers import send

pytestmark = pytest.mark.django_db


@pytest.fixture
def offices():
    office = office_make("000.00.31.H01", "Ủy ban nhân dân xã Tân Hòa", "th")
    other = office_make("000.00.32.H01", "Ủy ban nhân dân xã Bình An", "ba")
    for user, phone in ((office.specialist, "0903000001"), (office.other, "0903000002"), (office.head, "0903000003")):
        user.phone = phone
        user.save()
    return office, other


def test_direction_and_assignment_tell_the_officials_named(offices):
    office, other = offices
    document = incoming_register(document=send(other, office), clerk=office.clerk)
    incoming_direct(document=document, actor=office.leader, note="", lines=[
        DirectionLine(role="lead", unit=office.culture, days=2),
        DirectionLine(role="cooperate", user=office.other, days=1),
        DirectionLine(role="inform", user=office.head)])
    [directed] = Notification.objects.filter(template="document.assigned")
    assert (directed.user, directed.channel, directed.phone) == (office.other, "sms", "0903000002")
    document.refresh_from_db()
    assert str(document) in directed.text
    unit_part = document.assignments.get(unit=office.culture)
    incoming_assign(document=document, head=office.head, assignment=unit_part, user=office.specialist)
    assert sorted(n.user.username for n in Notification.objects.filter(template="document.assigned")) == [
        "th-chuyenvien", "th-vanphong"]
