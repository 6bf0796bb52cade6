"""One explicit endpoint per dossier command (DESIGN.md §4), made from the registry of actions
(dossiers.actions): each with the action's input serializer, calling the action's service, as the web page
does; each answers with the dossier's new representation. The services check who may act (403
``dossier.forbidden``) and whether the state allows it (409 ``dossier.bad_state``...)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from dossiers.actions import Action
from dossiers.api.common import ERRORS, dossier_response, validated
from dossiers.api.files import component_uploads, public_component_keys
from dossiers.api.serializers import DossierDetailSerializer
from dossiers.selectors import dossier_get_for
from portal.api_common import LANG_PARAMETER, LanguageMixin

MULTIPART = [MultiPartParser, FormParser]


@extend_schema(parameters=[LANG_PARAMETER], tags=["dossier commands"])
class DossierCommand(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, FormParser, MultiPartParser]
    action: Action

    def post(self, request, uuid, position=None):
        dossier = dossier_get_for(user=request.user, uuid=uuid)
        serializer = self.action.serializer
        values = dict(validated(serializer, request.data)) if serializer else {}
        with public_component_keys(dossier.procedure_version):
            if self.action.uploads:
                values["uploads"] = component_uploads(dossier.procedure_version, request.FILES)
            self.action.perform(dossier=dossier, user=request.user, values=values, position=position)
        return dossier_response(request, uuid)


def command_view(action: Action) -> type[DossierCommand]:
    """The action's endpoint: its input serializer, and its POST documented with the input, the dossier it
    returns and the error responses."""
    attributes = {"action": action, "__doc__": action.description}
    if action.multipart:
        attributes["parser_classes"] = MULTIPART
    view = type(f"{action.name.title().replace('_', '')}Command", (DossierCommand,), attributes)
    return extend_schema_view(post=extend_schema(
        operation_id=action.operation_id, request=action.serializer,
        responses={200: DossierDetailSerializer, **ERRORS}, description=action.description,
    ))(view)
