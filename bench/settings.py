"""The bench's settings: the product's, plus the baseline view's route (bench/urls.py) and a static root
of its own. Everything else — middleware, database, cache, DEBUG — comes from portal.settings and the
environment the runner sets, the same for the product's endpoints and the baseline."""

from portal.settings import *  # noqa: F403
from portal.settings import VAR_DIR

ROOT_URLCONF = "bench.urls"
STATIC_ROOT = VAR_DIR / "bench" / "staticfiles"
