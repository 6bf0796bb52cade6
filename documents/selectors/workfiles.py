"""Who sees and keeps which work file (hồ sơ công việc), and what a work file shows its reader.

A work file belongs to its agency. It is seen by the official who keeps it, by the agency's clerks and
leaders, by the head of its unit, and — when its access rights (chế độ sử dụng) are "Công khai" — by every
official of the agency. Whoever sees a file sees of its documents only those documents.permissions lets
them see: a secret document in a file stays invisible, and uncounted, to the others. The keeper, the
clerks, the leaders and the unit's head manage it; the clerks and leaders freeze it; the clerks record its
deposit in the archive."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext as _

from accounts.models import User
from documents import permissions
from documents.errors import DocumentErrorCode, DocumentNotFound
from documents.models import Document, WorkFile, WorkFileEntry

# Chế độ sử dụng (Appendix VI Part II §III.4): open to every official of the agency, or restricted.
RIGHTS_OPEN = "Công khai"
RIGHTS_RESTRICTED = "Hạn chế"
RIGHTS = (RIGHTS_OPEN, RIGHTS_RESTRICTED)


def _is_documents_official(user: User) -> bool:
    return permissions.is_agency_official(user, getattr(user, "agency_id", None))


def workfiles_visible_to(user: User, files: QuerySet[WorkFile] | None = None) -> QuerySet[WorkFile]:
    files = WorkFile.objects.all() if files is None else files
    if not _is_documents_official(user):
        return files.none()
    files = files.filter(agency_id=user.agency_id)
    if user.role in permissions.AGENCY_WIDE:
        return files
    headed = permissions.headed_units(user).values("pk")
    return files.filter(Q(creator=user) | Q(rights=RIGHTS_OPEN) | Q(unit_id__in=headed))


def workfile_get_for(user: User, uuid, *, files: QuerySet[WorkFile] | None = None) -> WorkFile:
    """The work file if ``user`` may see it; else the same 404 as for one that does not exist."""
    found = workfiles_visible_to(user, files if files is not None else
                                 WorkFile.objects.select_related("agency", "unit", "creator", "frozen_by"))
    work_file = found.filter(uuid=uuid).first()
    if work_file is None:
        raise DocumentNotFound(_("No such work file."), code=DocumentErrorCode.WORKFILE_NOT_FOUND)
    return work_file


def can_manage(user: User, work_file: WorkFile) -> bool:
    """Open, change, add to, remove from, close, reopen and delete (while not frozen)."""
    if not permissions.is_agency_official(user, work_file.agency_id):
        return False
    return (work_file.creator_id == user.pk or user.role in permissions.AGENCY_WIDE
            or permissions.heads_unit(user, work_file.unit_id))


def can_freeze(user: User, work_file: WorkFile) -> bool:
    return permissions.is_agency_official(user, work_file.agency_id) and user.role in permissions.AGENCY_WIDE


def can_record_deposit(user: User, work_file: WorkFile) -> bool:
    return permissions.is_clerk(user, work_file.agency_id)


def in_time_order(documents: QuerySet[Document]) -> QuerySet[Document]:
    """Documents by their date: the document's own date, else the day it arrived, else the day it was made."""
    return documents.annotate(
        filed_on=Coalesce("issued_date", TruncDate("arrival_at"), TruncDate("created_at")),
    ).order_by("filed_on", "created_at", "id")


def workfile_documents(user: User, work_file: WorkFile) -> QuerySet[Document]:
    """The documents of the file ``user`` may see, in time order."""
    return in_time_order(permissions.visible_to(
        user, Document.objects.filter(work_file_entries__work_file=work_file)
        .select_related("document_type", "agency")))


def totals(documents) -> tuple[int, int]:
    """DocTotal and PageTotal (Appendix VI): how many documents, and their pages (page_amount)."""
    documents = list(documents)
    return len(documents), sum(document.page_amount or 0 for document in documents)


def with_totals(user: User, files: QuerySet[WorkFile]) -> QuerySet[WorkFile]:
    """Each file with ``doc_total`` and ``page_total`` over the documents ``user`` may see, in the same query."""
    entries = (WorkFileEntry.objects.filter(work_file=OuterRef("pk"),
                                            document__in=permissions.visible_to(user).values("pk"))
               .order_by().values("work_file"))
    return files.annotate(
        doc_total=Coalesce(Subquery(entries.annotate(n=Count("pk")).values("n"), output_field=IntegerField()), 0),
        page_total=Coalesce(Subquery(entries.annotate(n=Sum("document__page_amount")).values("n"),
                                     output_field=IntegerField()), 0),
    )


def workfiles_of(user: User, *, year: int | None = None, state: str = "", mine: bool = False,
                 query: str = "") -> QuerySet[WorkFile]:
    """Mục lục hồ sơ: the agency's files ``user`` may see, by year, in order of their number."""
    files = workfiles_visible_to(user, WorkFile.objects.select_related("agency", "unit", "creator"))
    if year:
        files = files.filter(year=year)
    if state:
        files = files.filter(state=state)
    if mine:
        files = files.filter(creator=user)
    if query:
        files = files.filter(Q(title__icontains=query) | Q(notation__icontains=query))
    return with_totals(user, files).order_by("-year", "notation", "id")


def files_to_file_into(user: User, document: Document) -> QuerySet[WorkFile]:
    """The open files ``user`` may add ``document`` to (and that do not hold it yet)."""
    files = workfiles_visible_to(user).filter(state=WorkFile.State.OPEN).exclude(entries__document=document)
    if user.role not in permissions.AGENCY_WIDE:
        headed = permissions.headed_units(user).values("pk")
        files = files.filter(Q(creator=user) | Q(unit_id__in=headed))
    return files.order_by("-year", "notation")


def files_holding(user: User, document: Document) -> QuerySet[WorkFile]:
    return workfiles_visible_to(user).filter(entries__document=document).order_by("-year", "notation")
