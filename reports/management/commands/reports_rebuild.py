"""Compute the Decision 766 indicators' facts and daily measures again from every dossier (after a restore or
an import; the beat task keeps them current otherwise)."""

import time

from django.core.management.base import BaseCommand

from reports.indicators.rebuild import facts_rebuild_sql


class Command(BaseCommand):
    help = "Compute the indicators' facts and daily measures again from every dossier."

    def handle(self, *args, **options):
        started = time.monotonic()
        facts = facts_rebuild_sql()
        self.stdout.write(f"{facts} dossiers counted again in {time.monotonic() - started:.1f} s")
