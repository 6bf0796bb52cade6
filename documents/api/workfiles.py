"""``/api/v1/documents/work-files/``: the work files (hồ sơ công việc) the user may see, opening one, its
details with its documents in time order, and one POST per command (add, remove, close, reopen, freeze,
deposit); the export with the documents as PDF or XML. The services decide who may act: 404 for a file or
document the user may not see, 403 for a file they see but may not change, 409 ``document.workfile_frozen``
for a frozen file."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.api.common import ERRORS, document_get_for, require_documents_official, validated
from documents.api.workfile_serializers import (
    CloseSerializer,
    DocumentRefSerializer,
    WorkFileDetailSerializer,
    WorkFileInputSerializer,
    WorkFileSerializer,
)
from documents.errors import DocumentError, DocumentErrorCode
from documents.exports import workfile as exports
from documents.models import OrgUnit, WorkFile
from documents.selectors import workfiles as selectors
from documents.services import workfiles as services
from portal.api_common import LANG_PARAMETER, LanguageMixin

TAGS = ["work files"]


def _work_file(user, uuid) -> WorkFile:
    require_documents_official(user)
    return selectors.workfile_get_for(user, uuid)


def _values(user, data, *, partial: bool = False) -> dict:
    """The command's input checked (every field optional when ``partial``), the unit's code made a unit."""
    serializer = WorkFileInputSerializer(data=data, partial=partial)
    if not serializer.is_valid():
        raise DocumentError(_("Please check these fields: %(fields)s.") % {"fields": ", ".join(serializer.errors)},
                            code=DocumentErrorCode.INVALID, extra={"errors": serializer.errors})
    values = dict(serializer.validated_data)
    if values.get("unit"):
        values["unit"] = OrgUnit.objects.filter(agency_id=user.agency_id, code=values["unit"]).first()
        if values["unit"] is None:
            message = _("Choose one of your agency's units.")
            raise DocumentError(message, code=DocumentErrorCode.INVALID, extra={"errors": {"unit": [message]}})
    elif "unit" in values:
        values["unit"] = None
    return values


def _detail(request, work_file: WorkFile, *, status_code: int = status.HTTP_200_OK) -> Response:
    work_file = selectors.workfile_get_for(request.user, work_file.uuid)
    documents = list(selectors.workfile_documents(request.user, work_file))
    work_file.doc_total, work_file.page_total = selectors.totals(documents)
    return Response(WorkFileDetailSerializer(work_file, context={"request": request, "documents": documents}).data,
                    status=status_code)


@extend_schema(parameters=[LANG_PARAMETER], tags=TAGS)
class WorkFileListView(LanguageMixin, generics.GenericAPIView):
    """Hồ sơ công việc: the agency's work files the user may see (Mục lục hồ sơ), by year."""

    permission_classes = [IsAuthenticated]
    filter_backends: list = []
    serializer_class = WorkFileSerializer

    @extend_schema(operation_id="documents_work_files_list", responses={200: WorkFileSerializer(many=True), **ERRORS},
                   parameters=[OpenApiParameter("year", OpenApiTypes.INT), OpenApiParameter("state", OpenApiTypes.STR,
                               enum=WorkFile.State.values), OpenApiParameter("mine", OpenApiTypes.BOOL)])
    def get(self, request):
        require_documents_official(request.user)
        year = request.query_params.get("year", "")
        state = request.query_params.get("state", "")
        files = selectors.workfiles_of(
            request.user, year=int(year) if year.isdigit() and len(year) == 4 else None,
            state=state if state in WorkFile.State.values else "",
            mine=request.query_params.get("mine") in ("1", "true"))
        page = self.paginate_queryset(files)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(operation_id="documents_work_files_open", request=WorkFileInputSerializer,
                   responses={201: WorkFileDetailSerializer, **ERRORS},
                   description="Lập hồ sơ: open a work file of your agency, kept by you.")
    def post(self, request):
        require_documents_official(request.user)
        work_file = services.workfile_open(user=request.user, **_values(request.user, request.data))
        return _detail(request, work_file, status_code=status.HTTP_201_CREATED)


@extend_schema(parameters=[LANG_PARAMETER], tags=TAGS)
class WorkFileDetailView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="documents_work_files_retrieve", responses={200: WorkFileDetailSerializer, **ERRORS},
                   description="The file with the documents you may see, in time order; 404 for a file you may not "
                   "see.")
    def get(self, request, uuid):
        return _detail(request, _work_file(request.user, uuid))

    @extend_schema(operation_id="documents_work_files_update", request=WorkFileInputSerializer,
                   responses={200: WorkFileDetailSerializer, **ERRORS},
                   description="Change the file's details; refused (409) once it is frozen.")
    def patch(self, request, uuid):
        work_file = _work_file(request.user, uuid)
        services.workfile_update(work_file=work_file, user=request.user,
                                 **_values(request.user, request.data, partial=True))
        return _detail(request, work_file)

    @extend_schema(operation_id="documents_work_files_destroy", responses={204: None, **ERRORS},
                   description="Delete a file that is not frozen; its documents stay.")
    def delete(self, request, uuid):
        services.workfile_delete(work_file=_work_file(request.user, uuid), user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WorkFileCommand(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]
    input: type | None = None
    act = None  # (request, work_file, values) -> None: the service call

    def post(self, request, uuid):
        work_file = _work_file(request.user, uuid)
        values = dict(validated(self.input, request.data)) if self.input else {}
        type(self).act(request, work_file, values)
        return _detail(request, work_file)


def _command(name: str, summary: str, act, input_serializer=None) -> type[WorkFileCommand]:
    """One command's endpoint, documented with its input, the file it returns and the errors."""
    view = type(f"WorkFile{name.title()}Command", (WorkFileCommand,),
                {"__doc__": summary, "input": input_serializer, "act": staticmethod(act)})
    view = extend_schema(parameters=[LANG_PARAMETER], tags=TAGS)(view)
    return extend_schema_view(post=extend_schema(
        operation_id=f"documents_work_files_{name}", request=input_serializer,
        responses={200: WorkFileDetailSerializer, **ERRORS}, description=summary))(view)


def _document(request, values):
    return document_get_for(request.user, values["document"])


AddCommand = _command(
    "add", "Put a document you may see into the open file (a link: it may sit in other files too).",
    lambda request, work_file, values: services.workfile_document_add(
        work_file=work_file, document=_document(request, values), user=request.user), DocumentRefSerializer)
RemoveCommand = _command(
    "remove", "Take a document out of the open file.",
    lambda request, work_file, values: services.workfile_document_remove(
        work_file=work_file, document=_document(request, values), user=request.user), DocumentRefSerializer)
CloseCommand = _command(
    "close", "Close the file: the deposit is then due a year after the end date (3 months for a capital "
    "construction file), with a reminder 30 days before.",
    lambda request, work_file, values: services.workfile_close(
        work_file=work_file, user=request.user, end_date=values.get("end_date")), CloseSerializer)
ReopenCommand = _command(
    "reopen", "Reopen a closed file that is not frozen.",
    lambda request, work_file, values: services.workfile_reopen(work_file=work_file, user=request.user))
FreezeCommand = _command(
    "freeze", "Freeze a closed file (the clerk or a leader): nothing is added, removed, moved, changed or deleted "
    "any more.",
    lambda request, work_file, values: services.workfile_freeze(work_file=work_file, user=request.user))
DepositCommand = _command(
    "deposit", "Record that the file went into the agency's archive (the clerk).",
    lambda request, work_file, values: services.workfile_deposit(work_file=work_file, user=request.user))


@extend_schema(parameters=[LANG_PARAMETER], tags=TAGS)
class WorkFileExportView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="documents_work_files_export", responses={
        (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="Table of contents and the "
                                                  "documents' main PDFs, in time order."),
        (200, "application/xml"): OpenApiResponse(OpenApiTypes.BINARY, description="Appendix VI metadata with the "
                                                  "main files, in time order."),
        **ERRORS}, description="The file with the documents you may see; each export is recorded in their "
        "access history. ``fmt`` is ``pdf`` or ``xml``.")
    def get(self, request, uuid, fmt):
        work_file = _work_file(request.user, uuid)
        if fmt == "xml":
            content, content_type = exports.workfile_xml(work_file=work_file, user=request.user), "application/xml"
        elif fmt == "pdf":
            content, content_type = exports.workfile_pdf(work_file=work_file, user=request.user), "application/pdf"
        else:
            raise DocumentError(_("The format is pdf or xml."), code=DocumentErrorCode.INVALID)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="ho-so-{work_file.file_code}.{fmt}"'
        response["X-Content-Type-Options"] = "nosniff"
        return response
