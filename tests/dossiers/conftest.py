import pytest

from tests.dossiers.factories import make_world


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Every dossier test stores its uploads in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(db):
    return make_world()
