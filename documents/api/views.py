"""``/api/v1/documents/``: the documents the user may see and one document. The flows add their explicit
commands (register, direct, assign, complete, sign, number, issue, recall) in modules of their own."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from documents import permissions
from documents.api.common import document_get_for, require_documents_official
from documents.api.serializers import DocumentDetailSerializer, DocumentListItemSerializer
from documents.models import Document
from portal.api_common import LANG_PARAMETER, ErrorSerializer, LanguageMixin


@extend_schema(parameters=[LANG_PARAMETER], tags=["documents"])
class DocumentListView(LanguageMixin, generics.GenericAPIView):
    """Văn bản: the documents of the user's agency they may see, newest first."""

    permission_classes = [IsAuthenticated]
    filter_backends: list = []
    serializer_class = DocumentListItemSerializer

    @extend_schema(operation_id="documents_list", responses={200: DocumentListItemSerializer(many=True),
                                                             403: ErrorSerializer})
    def get(self, request):
        require_documents_official(request.user)
        documents = permissions.visible_to(request.user, Document.objects.select_related("document_type"))
        page = self.paginate_queryset(documents.order_by("-created_at", "-id"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema(parameters=[LANG_PARAMETER], tags=["documents"])
class DocumentDetailView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="documents_retrieve", responses={200: DocumentDetailSerializer,
                                                                 403: ErrorSerializer, 404: ErrorSerializer},
                   description="One document with its files, recipients and their status, assignments and trail. "
                   "404 also for a document the user may not see. The view is recorded in its access history.")
    def get(self, request, uuid):
        document = document_get_for(request.user, uuid, record_view=True)
        return Response(DocumentDetailSerializer(document, context={"request": request}).data)
