"""``GET /api/v1/documents/search/``: tra cứu văn bản — the documents the user may see matching a query
(every field and the text of the files, without diacritics) and filters, newest first, a page at a time
without a total."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from documents.api.common import ERRORS, require_documents_official, validated
from documents.api.serializers import DocumentListItemSerializer
from documents.models import Document, DocumentType
from documents.selectors.search import MAX_PAGE, MAX_QUERY, PER_PAGE, SearchFilters, search_page
from portal.api_common import LANG_PARAMETER, LanguageMixin


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, max_length=MAX_QUERY, help_text=(
        "Words, looked for in every field and the text of the files, without regard to case or diacritics "
        "(\"quyet dinh\" finds \"Quyết định\"); a number and symbol as written (\"15/QĐ-UBND\"); words in "
        "double quotes as a phrase. When no document has the words of a one-word query, documents with it "
        "inside a word of their number, subject, sender or signer are returned, with `partial` true."))
    direction = serializers.ChoiceField(choices=Document.Direction.choices, required=False)
    type = serializers.SlugRelatedField(slug_field="code", queryset=DocumentType.objects.all(), required=False,
                                        help_text="Document type code, e.g. quyet-dinh, cong-van.")
    state = serializers.ChoiceField(choices=Document.State.choices, required=False)
    urgency = serializers.ChoiceField(choices=Document.Urgency.choices, required=False)
    secrecy = serializers.ChoiceField(choices=Document.Secrecy.choices, required=False)
    date_field = serializers.ChoiceField(choices=[("issued", "Date of the document"), ("arrival", "Date of arrival")],
                                         required=False, default="issued",
                                         help_text="Which date date_from and date_to apply to.")
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)
    sender = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                   help_text="The issuing agency's code, or part of its name (diacritics ignored).")
    signer = serializers.CharField(required=False, allow_blank=True, max_length=100)
    page = serializers.IntegerField(required=False, default=1, min_value=1, max_value=MAX_PAGE)
    page_size = serializers.IntegerField(required=False, default=PER_PAGE, min_value=1, max_value=100)

    def validate(self, data):
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise serializers.ValidationError({"date_to": _("The end of the period must not be before its start.")})
        return data


class SearchResultSerializer(serializers.Serializer):
    page = serializers.IntegerField(min_value=1, max_value=MAX_PAGE)
    partial = serializers.BooleanField(help_text="True when no document has the words and these have the query "
                                                 "inside a word of their number, subject, sender or signer.")
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = DocumentListItemSerializer(many=True)


@extend_schema(parameters=[LANG_PARAMETER], tags=["documents"])
class DocumentSearchView(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(operation_id="documents_search", parameters=[SearchQuerySerializer],
                   responses={200: SearchResultSerializer, **{code: ERRORS[code] for code in (400, 403)}},
                   description="Search the documents the user may see (never another's secret document), newest "
                   "first, without a total: `next` is null on the last page.")
    def get(self, request):
        require_documents_official(request.user)
        data = validated(SearchQuerySerializer, request.query_params)
        filters = SearchFilters(
            query=(data.get("q") or "").strip(), direction=data.get("direction", ""),
            document_type=data["type"].code if data.get("type") else "", state=data.get("state", ""),
            urgency=data.get("urgency"), secrecy=data.get("secrecy"), date_field=data["date_field"],
            date_from=data.get("date_from"), date_to=data.get("date_to"), sender=(data.get("sender") or "").strip(),
            signer=(data.get("signer") or "").strip())
        page = search_page(request.user, filters, data["page"], per_page=data["page_size"])

        def link(number: int) -> str:
            query = request.query_params.copy()
            query["page"] = str(number)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        return Response({
            "page": page.number, "partial": page.partial,
            "next": link(page.number + 1) if page.has_next else None,
            "previous": link(page.number - 1) if page.has_previous else None,
            "results": DocumentListItemSerializer(page.rows, many=True, context={"request": request}).data,
        })
