"""Work files in the API: the Appendix VI Part II §III fields (FileCode = organ_id.year.notation, Title,
Maintenance, Rights, Creator, Language, StartDate, EndDate, DocTotal, PageTotal, Description) and the input
of each command."""

from __future__ import annotations

from rest_framework import serializers

from documents.api.serializers import DocumentListItemSerializer
from documents.models import WorkFile
from documents.selectors.workfiles import RIGHTS


class WorkFileSerializer(serializers.ModelSerializer):
    file_code = serializers.CharField(help_text="Mã hồ sơ: OrganId.FileCatalog.FileNotation.")
    organ_id = serializers.CharField(source="agency.code", help_text="OrganId: the agency's identification code.")
    year = serializers.IntegerField(min_value=1900, max_value=2999, help_text="FileCatalog.")
    notation = serializers.CharField(help_text="FileNotation.")
    unit = serializers.CharField(source="unit.code", allow_null=True, default=None)
    creator = serializers.SerializerMethodField()
    doc_total = serializers.IntegerField(min_value=0, help_text="DocTotal: the documents you may see.")
    page_total = serializers.IntegerField(min_value=0, help_text="PageTotal: their pages.")

    class Meta:
        model = WorkFile
        fields = ["uuid", "file_code", "organ_id", "year", "notation", "title", "maintenance", "rights", "creator",
                  "unit", "language", "description", "start_date", "end_date", "capital_construction", "deposit_due",
                  "state", "frozen_at", "deposited_at", "doc_total", "page_total", "created_at"]

    def get_creator(self, work_file) -> str:
        return work_file.creator.full_name or work_file.creator.username


class WorkFileDetailSerializer(WorkFileSerializer):
    documents = serializers.SerializerMethodField(help_text="The documents you may see, in time order.")

    class Meta(WorkFileSerializer.Meta):
        fields = [*WorkFileSerializer.Meta.fields, "documents"]

    def get_documents(self, work_file) -> list[dict]:
        return DocumentListItemSerializer(self.context["documents"], many=True).data


class WorkFileInputSerializer(serializers.Serializer):
    notation = serializers.CharField(max_length=20, help_text="The file's number for the year: 05, VX.05.")
    year = serializers.IntegerField(min_value=1900, max_value=2999, required=False,
                                    help_text="FileCatalog; by default the start date's year.")
    title = serializers.CharField(max_length=500)
    maintenance = serializers.CharField(max_length=30, help_text="“Vĩnh viễn” or a number of years: “05 năm”.")
    rights = serializers.ChoiceField(choices=RIGHTS, required=False,
                                     help_text="“Công khai” (every official of the agency) or “Hạn chế”.")
    unit = serializers.CharField(max_length=10, required=False, allow_null=True,
                                 help_text="The code of one of the agency's units (VP, VX).")
    start_date = serializers.DateField(required=False)
    language = serializers.CharField(max_length=50, required=False)
    description = serializers.CharField(max_length=500, required=False, allow_blank=True)
    capital_construction = serializers.BooleanField(
        required=False, help_text="A capital construction file is due for deposit 3 months after its end, others "
        "a year after (Decree 30/2020 art. 30.2).")


class DocumentRefSerializer(serializers.Serializer):
    document = serializers.UUIDField(help_text="A document you may see.")


class CloseSerializer(serializers.Serializer):
    end_date = serializers.DateField(required=False, help_text="The day the matter ended; today by default.")
