"""Fill or refresh the search row of every document (documents.services.search.search_refresh): after an
import that wrote documents directly, or to pick up a change in how the text is folded. In batches, one
transaction each, showing progress."""

from django.core.management.base import BaseCommand
from django.db import transaction

from documents.models import Document
from documents.services.search import search_refresh

BATCH = 500


class Command(BaseCommand):
    help = "Refresh the search rows of all documents (or only those without one, with --missing)."

    def add_arguments(self, parser):
        parser.add_argument("--missing", action="store_true", help="only the documents without a search row")

    def handle(self, *args, missing=False, **options):
        documents = Document.objects.order_by("pk")
        if missing:
            documents = documents.filter(search__isnull=True)
        ids = list(documents.values_list("pk", flat=True))
        for start in range(0, len(ids), BATCH):
            with transaction.atomic():
                for document in Document.objects.filter(pk__in=ids[start:start + BATCH]).only("pk", "agency_id",
                                                                                               "created_at"):
                    search_refresh(document)
            self.stdout.write(f"{min(start + BATCH, len(ids)):,} / {len(ids):,} documents")
        self.stdout.write(self.style.SUCCESS(f"Search rows refreshed for {len(ids):,} documents."))
