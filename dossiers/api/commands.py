"""One explicit endpoint per dossier command (DESIGN.md §4), each with its input serializer, calling the
same service as the web page; each answers with the dossier's new representation. The services check
who may act (403 ``dossier.forbidden``) and whether the state allows it (409 ``dossier.bad_state``...)."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.views import APIView

from dossiers import services
from dossiers.api import inputs
from dossiers.api.common import ERRORS, dossier_response, validated
from dossiers.api.files import component_uploads, public_component_keys
from dossiers.api.serializers import DossierDetailSerializer
from dossiers.selectors import dossier_get_for
from portal.api_common import LANG_PARAMETER, LanguageMixin

MULTIPART = [MultiPartParser, FormParser]


def command(name: str, description: str, request=None):
    """Give a command view its input serializer (``request``) and document its POST: the input, the
    dossier it returns, the error responses."""
    schema = extend_schema_view(post=extend_schema(
        operation_id=f"dossiers_{name.replace('-', '_')}", request=request,
        responses={200: DossierDetailSerializer, **ERRORS}, description=description,
    ))

    def decorate(view):
        view.input_serializer = request
        return schema(view)

    return decorate


@extend_schema(parameters=[LANG_PARAMETER], tags=["dossier commands"])
class DossierCommand(LanguageMixin, APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [JSONParser, FormParser, MultiPartParser]
    input_serializer = None

    def post(self, request, uuid, **kwargs):
        dossier = dossier_get_for(user=request.user, uuid=uuid)
        data = validated(self.input_serializer, request.data) if self.input_serializer else {}
        with public_component_keys(dossier.procedure_version):
            self.perform(request, dossier, data, **kwargs)
        return dossier_response(request, uuid)

    def perform(self, request, dossier, data, **kwargs):  # pragma: no cover - every command overrides it
        raise NotImplementedError


@command("submit", "The applicant sends their draft (draft → submitted); every mandatory component needs a file "
         "(400 dossier.incomplete).")
class SubmitView(DossierCommand):
    def perform(self, request, dossier, data):
        services.dossier_submit(dossier=dossier, citizen=request.user)


@command("receive", "Tiếp nhận: an officer of the receiving centre receives the dossier (submitted → received); "
         "it gets its code, due date and process steps.")
class ReceiveView(DossierCommand):
    def perform(self, request, dossier, data):
        services.dossier_receive(dossier=dossier, officer=request.user)


@command("request-supplement", "Yêu cầu bổ sung hồ sơ (form 02): the centre at the check, or the holder of the "
         "current step, asks for papers; the agency's clock stops.", inputs.SupplementRequestSerializer)
class RequestSupplementView(DossierCommand):
    def perform(self, request, dossier, data):
        services.dossier_request_supplement(dossier=dossier, user=request.user, reason=data["reason"],
                                            items=data["items"])


@command("supplement", "Bổ sung hồ sơ: the applicant (or the centre, at the counter) sends the requested papers as "
         "component_<position> parts and/or a note; the dossier goes back where it was.",
         inputs.SupplementSerializer)
class SupplementView(DossierCommand):
    parser_classes = MULTIPART

    def perform(self, request, dossier, data):
        services.dossier_supplement(dossier=dossier, user=request.user, note=data["note"],
                                    uploads=component_uploads(dossier.procedure_version, request.FILES))


@command("refuse", "Từ chối tiếp nhận (form 03): the centre refuses a submitted dossier, with the reason.",
         inputs.ReasonSerializer)
class RefuseView(DossierCommand):
    def perform(self, request, dossier, data):
        services.dossier_refuse(dossier=dossier, officer=request.user, reason=data["reason"])


@command("step-take", "An official of the step's agency and role takes the current step "
         "(409 dossier.step_taken if someone has it).")
class StepTakeView(DossierCommand):
    def perform(self, request, dossier, data, position):
        services.step_take(dossier=dossier, position=position, user=request.user)


@command("step-complete", "Completes the current step. At the result step (the leader's) the result PDF is "
         "uploaded as `result`, or generated with generate_result=true, and signed with the leader's certificate "
         "(`pin`; 400 signatures.wrong_pin, 409 signatures.token_locked); after the last step the result is ready.",
         inputs.StepCompleteSerializer)
class StepCompleteView(DossierCommand):
    parser_classes = MULTIPART

    def perform(self, request, dossier, data, position):
        services.step_complete_with_pin(dossier=dossier, position=position, user=request.user, pin=data["pin"],
                                        note=data["note"], result=data.get("result"),
                                        generate_result=data["generate_result"])


@command("step-return", "Sends the current step back to the previous one, with the reason.", inputs.NoteSerializer)
class StepReturnView(DossierCommand):
    def perform(self, request, dossier, data, position):
        services.step_return(dossier=dossier, position=position, user=request.user, note=data["note"])


@command("step-transfer", "Liên thông: moves the current step to another agency, which works it in the same role.",
         inputs.StepTransferSerializer)
class StepTransferView(DossierCommand):
    def perform(self, request, dossier, data, position):
        services.step_transfer(dossier=dossier, position=position, user=request.user, agency=data["agency"],
                               note=data["note"])


@command("extend", "Phiếu xin lỗi và hẹn lại ngày trả kết quả (form 04): once, before the due date "
         "(409 dossier.already_extended, dossier.past_due).", inputs.ExtendSerializer)
class ExtendView(DossierCommand):
    def perform(self, request, dossier, data):
        services.dossier_extend(dossier=dossier, user=request.user, new_due_at=data["new_due_at"],
                                reason=data["reason"])


@command("stop", "Thông báo dừng giải quyết (form 05): processing ends without a result, with the reason.",
         inputs.ReasonSerializer)
class StopView(DossierCommand):
    def perform(self, request, dossier, data):
        services.dossier_stop(dossier=dossier, user=request.user, reason=data["reason"])


@command("return", "Trả kết quả: the centre records the return at the counter, or the applicant collects the "
         "result online (result_ready → returned).", inputs.NoteSerializer)
class ReturnView(DossierCommand):
    def perform(self, request, dossier, data):
        services.dossier_return(dossier=dossier, user=request.user, note=data["note"])


@command("withdraw", "Rút hồ sơ: the applicant withdraws an open dossier before there is a result.",
         inputs.ReasonSerializer)
class WithdrawView(DossierCommand):
    def perform(self, request, dossier, data):
        services.dossier_withdraw(dossier=dossier, citizen=request.user, reason=data["reason"])


@command("rate", "Đánh giá: the applicant rates the service once, after the result was returned "
         "(409 dossier.already_rated).", inputs.RateSerializer)
class RateView(DossierCommand):
    def perform(self, request, dossier, data):
        services.dossier_rate(dossier=dossier, citizen=request.user, score=data["score"], comment=data["comment"])
