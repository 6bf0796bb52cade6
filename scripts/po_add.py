#!/usr/bin/env python3
"""Merge Vietnamese translations into locale/vi/LC_MESSAGES/django.po and recompile it.

Usage: scripts/po_add.py SNIPPET.po   (a PO file with msgid/msgstr pairs; msgctxt and plurals allowed)

Entries already in the catalogue get the snippet's msgstr; new ones are appended. The catalogue is locked
while it is rewritten, so several people can add translations at once."""

import fcntl
import sys
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def main(snippet_path: str) -> None:
    snippet = polib.pofile(snippet_path)
    with open(CATALOGUE.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        catalogue = polib.pofile(str(CATALOGUE))
        added = updated = 0
        for entry in snippet:
            existing = catalogue.find(entry.msgid, msgctxt=entry.msgctxt) if entry.msgctxt else next(
                (e for e in catalogue if e.msgid == entry.msgid and not e.msgctxt), None)
            if existing is None:
                catalogue.append(polib.POEntry(msgid=entry.msgid, msgstr=entry.msgstr, msgctxt=entry.msgctxt,
                                               msgid_plural=entry.msgid_plural,
                                               msgstr_plural=entry.msgstr_plural))
                added += 1
            else:
                existing.msgstr, existing.msgstr_plural = entry.msgstr, entry.msgstr_plural or existing.msgstr_plural
                if "fuzzy" in existing.flags:
                    existing.flags.remove("fuzzy")
                existing.obsolete = False
                updated += 1
        catalogue.save(str(CATALOGUE))
        catalogue.save_as_mofile(str(CATALOGUE.with_suffix(".mo")))
    print(f"{added} added, {updated} updated in {CATALOGUE}")


if __name__ == "__main__":
    main(sys.argv[1])
