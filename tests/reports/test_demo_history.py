"""The demo province shows indicators worth reading: past months' dossiers, most resolved in time, some late,
some still open past due — and the admin drills from the late figure to one of them."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from demo.history import MARK, PLAN
from dossiers.models import Dossier
from reports.indicators.figures import Scope
from reports.indicators.periods import Period
from reports.indicators.scoring import scorecard
from tests.demo.conftest import run_seed

pytestmark = pytest.mark.django_db


@pytest.fixture
def history_demo(monkeypatch, settings, tmp_path):
    from demo import history

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    monkeypatch.setattr("demo.services.demo_history_load", history.demo_history_load)


def test_the_demo_history_gives_late_dossiers_to_drill_into_once(history_demo, client, django_assert_max_num_queries):
    run_seed()
    past = Dossier.objects.filter(description__startswith=MARK)
    assert past.count() == len(PLAN)
    oldest = min(past.values_list("received_at", flat=True))
    assert (timezone.now() - oldest).days >= 149
    year = Period("year", timezone.localdate().year)
    card = scorecard(Scope(), year)
    assert card.figures.late >= 4 and card.figures.on_time >= 8  # 2 resolved late, 1 stopped late, open ones
    admin = User.objects.get(username="quantri.tinh")
    client.force_login(admin)
    page = client.get(reverse("reports:indicator_dossiers"), {"period": "year", "year": year.year, "which": "late"})
    late_codes = [d.code for d in past.filter(state__in=["received", "in_progress"])]
    assert any(code in page.content.decode() for code in late_codes)
    with django_assert_max_num_queries(15):
        run_seed()
    assert Dossier.objects.filter(description__startswith=MARK).count() == len(PLAN)
