import pytest

from tests.reports.world import make_world


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REPORTS_DAILY_AGENCY = ""
    settings.REPORTS_DAILY_RECIPIENTS = []
    return make_world()
