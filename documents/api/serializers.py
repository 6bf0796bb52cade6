"""The document's representation: the Appendix VI fields under their edXML names' snake case."""

from __future__ import annotations

from rest_framework import serializers

from documents.models import Assignment, Document, DocumentEvent, DocumentFile, Recipient


class DocumentListItemSerializer(serializers.ModelSerializer):
    document_type = serializers.CharField(source="document_type.name")
    number = serializers.CharField(source="number_display", help_text="Số, ký hiệu as printed: 15/QĐ-UBND.")
    priority = serializers.IntegerField(help_text="Urgency: 0 normal, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc.")
    # Integer fields declared with their bounds: the model's ranges depend on the database backend, and the
    # committed schema must not.
    arrival_number = serializers.IntegerField(min_value=1, allow_null=True, help_text="Số đến.")
    urgency = serializers.ChoiceField(choices=Document.Urgency.choices)
    secrecy = serializers.ChoiceField(choices=Document.Secrecy.choices, help_text="A secret document never "
                                      "crosses the exchange.")

    class Meta:
        model = Document
        fields = ["uuid", "direction", "state", "document_type", "number", "code_number", "code_notation",
                  "issued_date", "organ_id", "organ_name", "subject", "priority", "urgency", "secrecy", "due_date",
                  "arrival_number", "arrival_at", "created_at"]


class DocumentFileSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(min_value=1)
    size = serializers.IntegerField(min_value=0)

    class Meta:
        model = DocumentFile
        fields = ["id", "kind", "version", "name", "size", "sha256", "created_at"]


class RecipientSerializer(serializers.ModelSerializer):
    name = serializers.CharField()
    agency = serializers.CharField(source="agency.code", allow_null=True, default=None)

    class Meta:
        model = Recipient
        fields = ["id", "name", "agency", "unit", "external_organ_id", "for_information", "status", "status_at",
                  "status_note"]


class AssignmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Assignment
        fields = ["id", "parent", "unit", "user", "role", "instruction", "deadline", "state", "assigned_by",
                  "assigned_at", "completed_at", "result_note"]


class EventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.full_name", allow_null=True, default=None)

    class Meta:
        model = DocumentEvent
        fields = ["kind", "at", "actor", "from_state", "to_state", "note"]


class DocumentDetailSerializer(DocumentListItemSerializer):
    files = DocumentFileSerializer(many=True)
    recipients = RecipientSerializer(many=True)
    assignments = AssignmentSerializer(many=True)
    events = serializers.SerializerMethodField()
    page_amount = serializers.IntegerField(min_value=1, allow_null=True)
    issued_amount = serializers.IntegerField(min_value=1, allow_null=True)

    class Meta(DocumentListItemSerializer.Meta):
        fields = [*DocumentListItemSerializer.Meta.fields, "language", "page_amount", "description",
                  "signer_position", "signer_name", "issued_amount", "channel", "direction_note", "authority_line",
                  "check_status", "checked_at", "files", "recipients", "assignments", "events"]

    def get_events(self, document) -> list[dict]:
        trail = document.events.select_related("actor").exclude(
            kind__in=(DocumentEvent.Kind.VIEWED, DocumentEvent.Kind.DOWNLOADED))
        return EventSerializer(trail, many=True).data
