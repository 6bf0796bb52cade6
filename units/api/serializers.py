"""Public representations of units, agencies and service centres. Every translatable name comes raw
(``name`` Vietnamese, ``name_en`` English, possibly empty) and as ``display_name`` in the active language."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from units.models import AdministrativeUnit, Agency, ServiceCentre

DISPLAY_HELP = "The name in the active language (English falls back to Vietnamese)."


class UnitSummarySerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True, help_text=DISPLAY_HELP)

    class Meta:
        model = AdministrativeUnit
        fields = ["code", "name", "name_en", "display_name", "kind"]
        read_only_fields = fields


class AgencySummarySerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True, help_text=DISPLAY_HELP)

    class Meta:
        model = Agency
        fields = ["code", "name", "name_en", "display_name"]
        read_only_fields = fields


# A centre without its hotlines: hotlines.api.CentreSerializer adds them (hotlines sit above units). A comment,
# not a docstring: the schema would show it as the API's description of a centre.
class CentreBaseSerializer(serializers.ModelSerializer):
    display_name = serializers.CharField(read_only=True, help_text=DISPLAY_HELP)
    display_opening_hours = serializers.CharField(read_only=True, help_text="Opening hours in the active language.")
    level_display = serializers.CharField(source="get_level_display", read_only=True)
    unit = UnitSummarySerializer(read_only=True)
    agency = AgencySummarySerializer(read_only=True)
    procedures_url = serializers.SerializerMethodField(help_text="The procedures this centre receives.")

    class Meta:
        model = ServiceCentre
        fields = [
            "slug", "name", "name_en", "display_name", "level", "level_display", "address",
            "opening_hours", "opening_hours_en", "display_opening_hours", "phone", "email", "unit", "agency",
            "procedures_url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField)
    def get_procedures_url(self, centre: ServiceCentre) -> str:
        url = f"{reverse('procedures_api:procedure-list')}?centre={centre.slug}"
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url
