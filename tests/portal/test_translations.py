"""Vietnamese is the default language: every text the code shows must be translated."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|%[sd]|\{[a-z_]*\}")
SKIP_DIRS = {".venv", ".git", "var", "staticfiles", "test-artifacts", "node_modules", "tests"}


def _entries(path: Path) -> list[polib.POEntry]:
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def test_every_entry_is_translated_and_keeps_its_placeholders():
    problems = []
    for entry in _entries(CATALOGUE):
        translated = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        if not translated or "fuzzy" in entry.flags:
            problems.append(f"untranslated or fuzzy: {entry.msgid!r}")
        elif sorted(PLACEHOLDER.findall(entry.msgid)) != sorted(PLACEHOLDER.findall(translated)):
            problems.append(f"placeholders differ: {entry.msgid!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext (make test installs it)")
def test_the_catalogue_holds_every_text_in_the_code(tmp_path):
    """Extract the messages from a copy of the sources; nothing may be missing from the catalogue."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=lambda directory, names: [n for n in names if n in SKIP_DIRS])
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-location", "--ignore=.venv"],
        cwd=copy, check=True, capture_output=True, timeout=300,
    )
    known = {(e.msgctxt, e.msgid) for e in _entries(CATALOGUE)}
    extracted = {(e.msgctxt, e.msgid) for e in _entries(copy / "locale" / "vi" / "LC_MESSAGES" / "django.po")}
    missing = sorted(msgid for _context, msgid in extracted - known)
    assert not missing, "Run `manage.py makemessages -l vi --no-location` and translate:\n" + "\n".join(missing)
