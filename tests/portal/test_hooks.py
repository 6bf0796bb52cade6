"""The hooks through which upper apps react to lower ones: a listener sees each event inside the transaction
that records it, so what it writes stands or falls with the change."""

import pytest
from django.db import transaction

from dossiers.events import event_recorded
from dossiers.models import Dossier, DossierEvent
from portal.hooks import Hook
from tests.dossiers.factories import make_world, received, submitted


def test_a_listener_registers_once_and_answers_in_order():
    hook = Hook("test")
    seen = []

    def first(value):
        seen.append(("first", value))

    def second(value):
        seen.append(("second", value))
        return value * 2

    hook.register(first)
    hook.register(first)
    hook.register(second)
    assert hook.send(3) == [None, 6]
    assert seen == [("first", 3), ("second", 3)]
    assert hook.first(4) == 8
    hook.unregister(first)
    assert hook.listeners == (second,)


@pytest.mark.django_db(transaction=True)
def test_a_dossier_event_listener_runs_inside_the_change(request):
    world = make_world()
    seen = []

    def listener(event):
        seen.append((event.kind, transaction.get_connection().in_atomic_block))

    event_recorded.register(listener)
    request.addfinalizer(lambda: event_recorded.unregister(listener))
    dossier = received(world)
    assert (DossierEvent.Kind.SUBMITTED, True) in seen
    assert (DossierEvent.Kind.RECEIVED, True) in seen

    def failing(event):
        if event.kind == DossierEvent.Kind.SUBMITTED:
            raise RuntimeError("the listener fails")

    event_recorded.register(failing)
    request.addfinalizer(lambda: event_recorded.unregister(failing))
    with pytest.raises(RuntimeError):
        submitted(world)
    # the draft was saved, but its submission rolled back with the listener's error: still a draft, no code
    draft = Dossier.objects.exclude(pk=dossier.pk).get()
    assert (draft.state, draft.code) == (Dossier.State.DRAFT, None)
    assert not draft.events.filter(kind=DossierEvent.Kind.SUBMITTED).exists()
