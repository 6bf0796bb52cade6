"""Thao tác trên hồ sơ: every action a user may take on a dossier, in one registry (STYLE.md: a workflow's
actions are one registry). Each entry says who may take it in which state, which service does it, and its
input: the form of the officials' dossier page and the input serializer of the API command.

The API's ``actions`` list and its command endpoints (dossiers/api/), and the officials' dossier page and
its POST handler (dossiers/web/officer*.py) all read this registry; the services check the same rules
again under the row lock. Adding an action is one entry here, plus its service.

An action has one name in the code. Its public names stay what clients and pages already use: the API's
URL segment (``api_path``: ``request-supplement``; the step's ``send_back`` is ``steps/<n>/return`` there)
and the page's URL slug (the name itself)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from dossiers import permissions, services
from dossiers.api import inputs
from dossiers.models import Dossier, DossierStep
from dossiers.web import officer_forms as forms


class Scope(StrEnum):
    DOSSIER = "dossier"
    STEP = "step"  # on the dossier's current step, addressed by its position


@dataclass(frozen=True)
class Situation:
    """What the rules of who may act look at, worked out once for a user and a dossier (from the dossier's
    prefetched steps)."""

    dossier: Dossier
    steps: list[DossierStep]
    current: DossierStep | None
    applicant: bool  # the dossier's own applicant
    centre: bool  # a one-stop officer of the receiving centre
    works: bool  # an official of the current step's agency and role
    holds: bool  # may work the current step now (nobody else took it) while the dossier is processed
    deadline: bool  # may extend or stop (the agency handling the dossier)

    @classmethod
    def of(cls, user: User, dossier: Dossier) -> Situation:
        steps = sorted(dossier.steps.all(), key=lambda s: s.position)
        current = next((s for s in steps if s.is_current), None)
        return cls(
            dossier=dossier, steps=steps, current=current,
            applicant=permissions.is_applicant(user, dossier), centre=permissions.is_centre_officer(user, dossier),
            works=bool(current and permissions.can_work_step(user, current)),
            holds=bool(current and dossier.can_process() and permissions.holds_step(user, current)),
            deadline=permissions.can_manage_deadline(user, dossier, current),
        )


@dataclass(frozen=True)
class Done:
    """What an action did, for the page's message: the dossier's code as it was shown before, the step's
    position, the service's return value and the input."""

    code: str
    position: int | None
    result: Any
    values: dict


@dataclass(frozen=True)
class Page:
    """How the officials' dossier page offers an action: at ``rank`` (the most frequent first), with a
    line of explanation; ``collapsed`` ones (the rarer) fold away until needed, ``danger`` ones end a
    dossier."""

    rank: int
    intro: Promise | str = ""
    label: Promise | None = None  # when the page names it otherwise than the action's label
    collapsed: bool = False
    open: bool = False
    danger: bool = False


@dataclass(frozen=True)
class Action:
    name: str
    label: Promise
    scope: Scope
    may: Callable[[Situation], bool]
    # The service; it gets the dossier, the user (as ``actor``), the step's ``position`` for a step action
    # and the input's values as keyword arguments. None: the action has its own endpoint and page (draft).
    service: Callable[..., Any] | None = None
    actor: str = "user"
    # The API: the command's URL segment (default: the name with hyphens), its input and documentation.
    api_path: str = ""
    serializer: type | None = None
    description: str = ""
    multipart: bool = False  # the input carries files (multipart/form-data only)
    uploads: bool = False  # the files are the component papers (``component_<position>`` over the API)
    # The officials' dossier page: how it is offered, its form (None: a button alone) and the message once
    # done; actions without ``page`` are the applicant's, on their own pages (dossiers/web/citizen.py).
    page: Page | None = None
    form: type | None = None
    done: Callable[[Done], str] | None = None

    @property
    def path(self) -> str:
        return self.api_path or self.name.replace("_", "-")

    @property
    def operation_id(self) -> str:
        return "dossiers_" + ("step_" if self.scope is Scope.STEP else "") + self.path.replace("-", "_")

    def public_name(self, situation: Situation) -> str:
        """The name in the API's ``actions`` list: the command's path below the dossier's URL."""
        if self.scope is Scope.STEP:
            return f"steps/{situation.current.position}/{self.path}"
        return self.path

    def perform(self, *, dossier: Dossier, user: User, values: dict, position: int | None = None) -> Any:
        arguments = {"dossier": dossier, self.actor: user, **values}
        if self.scope is Scope.STEP:
            arguments["position"] = position
        return self.service(**arguments)


def _completed(done: Done) -> str:
    dossier, signed = done.result, bool(done.values.get("pin"))
    values = {"n": done.position, "code": done.code}
    number = dossier.result_document.number_display if dossier.result_document_id else ""
    if number and dossier.result_file and dossier.state == Dossier.State.RESULT_READY:
        return _("Dossier %(code)s is processed: its result, numbered %(number)s, is ready to return.") % {
            **values, "number": number}
    if number and dossier.result_file:
        return _("The result of dossier %(code)s is numbered %(number)s; step %(n)s is done and the next step is "
                 "to do.") % {**values, "number": number}
    if signed and dossier.state == Dossier.State.RESULT_READY:
        return _("Dossier %(code)s is processed: its result is signed and ready to return.") % values
    if signed:
        return _("The result of dossier %(code)s is signed; step %(n)s is done and the next step is to do.") % values
    if dossier.state == Dossier.State.RESULT_READY:
        return _("Dossier %(code)s is processed: its result is ready to return.") % values
    return _("Step %(n)s of dossier %(code)s is done; the next step is to do.") % values


def _returned(done: Done) -> str:
    dossier, values = done.result, {"code": done.code}
    if dossier.state == Dossier.State.RETURNED:
        return _("The result of dossier %(code)s was handed over; the dossier is closed.") % values
    return _("You received the electronic result of dossier %(code)s.") % values


# Every action, in the order clients list them.
ACTIONS: tuple[Action, ...] = (
    Action(
        "draft", gettext_lazy("Save draft"), Scope.DOSSIER,
        may=lambda s: s.applicant and s.dossier.can_edit_draft(),
    ),
    Action(
        "submit", gettext_lazy("Submit the dossier"), Scope.DOSSIER,
        may=lambda s: s.applicant and s.dossier.can_edit_draft(),
        service=services.dossier_submit, actor="citizen",
        description="The applicant sends their draft (draft → submitted), which gets its code now; every mandatory "
                    "component needs a file (400 dossier.incomplete).",
    ),
    Action(
        "receive", gettext_lazy("Receive the dossier"), Scope.DOSSIER,
        may=lambda s: s.centre and s.dossier.can_receive(),
        service=services.dossier_receive, actor="officer",
        description="Tiếp nhận: an officer of the receiving centre receives the dossier (submitted → received); "
                    "it keeps its code and gets its due date and process steps. When the first step is the "
                    "centre's own, receiving completes it and the next step is to do.",
        page=Page(
            1, gettext_lazy("The papers are complete and valid: the dossier gets its appointment date and goes "
                             "on to the next step of the process.")
        ),
        done=lambda d: _("Dossier %(code)s received. Print the receipt and appointment slip for the applicant.")
        % {"code": d.result.code},
    ),
    Action(
        "refuse", gettext_lazy("Refuse the dossier"), Scope.DOSSIER,
        may=lambda s: s.centre and s.dossier.can_refuse(),
        service=services.dossier_refuse, actor="officer",
        serializer=inputs.ReasonSerializer,
        description="Từ chối tiếp nhận (form 03): the centre refuses a submitted dossier, with the reason.",
        page=Page(
            10, gettext_lazy("The dossier is not received; the applicant gets the refusal slip with the "
                              "reason (form 03)."),
            collapsed=True, danger=True,
        ),
        form=forms.ReasonForm,
        done=lambda d: _("Dossier %(code)s was refused.") % {"code": d.code},
    ),
    Action(
        "request_supplement", gettext_lazy("Request a supplement"), Scope.DOSSIER,
        may=lambda s: (s.centre or s.works) and s.dossier.can_request_supplement(),
        service=services.dossier_request_supplement,
        serializer=inputs.SupplementRequestSerializer,
        description="Yêu cầu bổ sung hồ sơ (form 02): the centre at the check, or the holder of the current step, "
                    "asks for papers — the procedure's components by position and/or other items as text; the "
                    "agency's clock stops.",
        page=Page(
            6, gettext_lazy("The applicant is told what to add or correct; the clock stops until they "
                             "answer."),
            collapsed=True,
        ),
        form=forms.SupplementRequestForm,
        done=lambda d: _("The supplement request for dossier %(code)s was recorded; the applicant is notified.")
        % {"code": d.code},
    ),
    Action(
        "supplement", gettext_lazy("Supplement the dossier"), Scope.DOSSIER,
        may=lambda s: (s.applicant or s.centre) and s.dossier.can_answer_supplement(),
        service=services.dossier_supplement,
        serializer=inputs.SupplementSerializer, multipart=True, uploads=True,
        description="Bổ sung hồ sơ: the applicant (or the centre, at the counter) sends the requested papers as "
                    "component_<position> parts and/or a note; the dossier goes back where it was.",
        page=Page(
            5, gettext_lazy("Scan the papers the applicant brought; the dossier goes back where it was and "
                             "its clock runs again."),
            label=gettext_lazy("Receive the supplement at the counter"), collapsed=True, open=True,
        ),
        form=forms.CounterSupplementForm,
        done=lambda d: _("The papers brought to the counter were added to dossier %(code)s.") % {"code": d.code},
    ),
    Action(
        "extend", gettext_lazy("Extend the deadline (apology letter)"), Scope.DOSSIER,
        may=lambda s: s.deadline and s.dossier.can_extend(),
        service=services.dossier_extend,
        serializer=inputs.ExtendSerializer,
        description="Phiếu xin lỗi và hẹn lại ngày trả kết quả (form 04): once, before the due date "
                    "(409 dossier.already_extended, dossier.past_due).",
        page=Page(
            9, gettext_lazy("Only before the due date, and only once: the applicant receives a written "
                             "apology with the new date (form 04)."),
            collapsed=True,
        ),
        form=forms.ExtendForm,
        done=lambda d: _("The deadline of dossier %(code)s was extended; give the applicant the apology letter.")
        % {"code": d.code},
    ),
    Action(
        "stop", gettext_lazy("Stop processing"), Scope.DOSSIER,
        may=lambda s: s.deadline and s.dossier.can_stop(),
        service=services.dossier_stop,
        serializer=inputs.ReasonSerializer,
        description="Thông báo dừng giải quyết (form 05): processing ends without a result, with the reason.",
        page=Page(
            11, gettext_lazy("Processing ends without a result; the applicant gets the stop notice with the "
                              "reason (form 05)."),
            collapsed=True, danger=True,
        ),
        form=forms.ReasonForm,
        done=lambda d: _("Processing of dossier %(code)s was stopped.") % {"code": d.code},
    ),
    Action(
        "withdraw", gettext_lazy("Withdraw the dossier"), Scope.DOSSIER,
        may=lambda s: s.applicant and s.dossier.can_withdraw(),
        service=services.dossier_withdraw, actor="citizen",
        serializer=inputs.ReasonSerializer,
        description="Rút hồ sơ: the applicant withdraws an open dossier before there is a result.",
    ),
    Action(
        "return", gettext_lazy("Return the result"), Scope.DOSSIER,
        may=lambda s: (s.applicant and s.dossier.can_receive_online()) or (s.centre and s.dossier.can_return()),
        service=services.dossier_return,
        serializer=inputs.ReturnSerializer,
        description="Trả kết quả. The applicant's call receives the electronic result online (once; 409 "
                    "dossier.already_received). An officer of the receiving centre records the hand-over at the "
                    "counter (recipient_name and recipient_id: who collected it and the identity document shown; "
                    "default: the applicant). The dossier is returned (closed) by the delivery it owes: the paper "
                    "original's when the procedure issues one (issues_paper_original), else the electronic "
                    "result's; a counter hand-over always closes it.",
        page=Page(4, gettext_lazy("Hand the result over to the applicant, or to the person they authorised, after "
                                  "checking their identity document.")),
        form=forms.HandOverForm, done=_returned,
    ),
    Action(
        "post_result", gettext_lazy("Record the result sent by post"), Scope.DOSSIER,
        may=lambda s: s.centre and s.dossier.can_post_result(),
        service=services.result_post, actor="officer",
        serializer=inputs.PostResultSerializer,
        description="Gửi kết quả qua bưu chính: the centre records that the paper original was posted, to the "
                    "address the applicant chose (or the one given); the dossier is returned (closed). "
                    "400 dossier.no_paper_original when the procedure issues the result electronically only.",
        page=Page(5, gettext_lazy("The paper original is sent by public postal service to the address the applicant "
                                  "chose."), collapsed=True),
        form=forms.PostResultForm,
        done=lambda d: _("The posting of the result of dossier %(code)s was recorded; the dossier is closed.")
        % {"code": d.code},
    ),
    Action(
        "paper_delivery", gettext_lazy("Choose how to receive the paper original"), Scope.DOSSIER,
        may=lambda s: s.applicant and s.dossier.can_choose_paper_delivery(),
        service=services.dossier_paper_delivery_choose, actor="citizen",
        serializer=inputs.PaperDeliverySerializer,
        description="The applicant chooses to collect the paper original at the centre (method=counter) or to "
                    "receive it by post (method=post, with the address).",
    ),
    Action(
        "rate", gettext_lazy("Rate the service"), Scope.DOSSIER,
        may=lambda s: s.applicant and s.dossier.can_rate() and not hasattr(s.dossier, "rating"),
        service=services.dossier_rate, actor="citizen",
        serializer=inputs.RateSerializer,
        description="Đánh giá: the applicant rates the service once, after the result was returned "
                    "(409 dossier.already_rated).",
    ),
    Action(
        "take", gettext_lazy("Take this step"), Scope.STEP,
        may=lambda s: s.holds and s.current.state == DossierStep.State.ACTIVE,
        service=services.step_take,
        description="An official of the step's agency and role takes the current step "
                    "(409 dossier.step_taken if someone has it).",
        page=Page(2, gettext_lazy("Your colleagues will see that you handle it.")),
        done=lambda d: _("You now handle step %(n)s of dossier %(code)s.") % {"n": d.position, "code": d.code},
    ),
    Action(
        "draft_result", gettext_lazy("Attach the draft result"), Scope.STEP,
        may=lambda s: s.holds and services.may_draft_result(s.steps, s.current),
        service=services.result_draft_attach,
        serializer=inputs.DraftResultSerializer, multipart=True,
        description="Dự thảo kết quả: at the step that drafts the result (or at the approval step) the holder "
                    "attaches the draft result PDF as `draft`, or generates it from the procedure's template "
                    "(generate=true: the birth registration's extract, else a decision). Either becomes a new "
                    "version of the dossier's result document, an outgoing document of the resolving agency, with "
                    "empty fields for its number, date and signatures (400 dossier.result_pdf for a PDF already "
                    "signed or that cannot take them). It replaces the current draft (the earlier ones are kept); "
                    "completing the result step without a file signs it.",
        page=Page(3, gettext_lazy("The leader sees the draft at the approval step and signs it, or sends it "
                                  "back.")),
        form=forms.DraftResultForm,
        done=lambda d: _("The draft result of dossier %(code)s is attached; the leader will see it at the approval "
                         "step.") % {"code": d.code},
    ),
    Action(
        "complete", gettext_lazy("Complete the step"), Scope.STEP,
        may=lambda s: s.holds,
        service=services.step_complete_with_pin,
        serializer=inputs.StepCompleteSerializer, multipart=True,
        description="Completes the current step. At the result step (the leader's) the current draft result is "
                    "approved — or a result PDF uploaded as `result`, or one generated with generate_result=true — "
                    "and signed with the leader's certificate (`pin`; 400 signatures.wrong_pin, 409 "
                    "signatures.token_locked); `expected_sha256`: the version the leader was shown (409 "
                    "dossier.result_changed if it changed). At the clerk's step after it the result is numbered "
                    "in the agency's outgoing register, signed by the agency and issued (without such a step, at "
                    "the result step); the dossier's result is then that PDF. After the last step the result is "
                    "ready.",
        page=Page(3, gettext_lazy("The dossier moves on to the next step.")),
        form=forms.CompleteForm, done=_completed,
    ),
    Action(
        # Trả lại bước trước. Not the dossier's "return" (the result handed over): only its public API path
        # (steps/<n>/return) shares that word.
        "send_back", gettext_lazy("Send back to the previous step"), Scope.STEP,
        may=lambda s: s.holds and s.current.position > s.steps[0].position,
        service=services.step_return,
        api_path="return", serializer=inputs.NoteSerializer,
        description="Sends the current step back to the previous one, with the reason.",
        page=Page(7, collapsed=True),
        form=forms.SendBackForm,
        done=lambda d: _("Step %(n)s of dossier %(code)s was sent back to the previous step.")
        % {"n": d.position, "code": d.code},
    ),
    Action(
        "transfer", gettext_lazy("Transfer to another agency"), Scope.STEP,
        may=lambda s: s.holds,
        service=services.step_transfer,
        serializer=inputs.StepTransferSerializer,
        description="Liên thông: moves the current step to another agency, which works it in the same role.",
        page=Page(8, gettext_lazy("The chosen agency works this step in the same role."), collapsed=True),
        form=forms.TransferForm,
        done=lambda d: _("Step %(n)s of dossier %(code)s was transferred to %(agency)s.")
        % {"n": d.position, "code": d.code, "agency": d.values["agency"].display_name},
    ),
)

BY_NAME: dict[str, Action] = {action.name: action for action in ACTIONS}
assert len(BY_NAME) == len(ACTIONS), "two actions share a name"


def get(name: str, *, scope: Scope, page: bool = False) -> Action | None:
    """The action called ``name`` in ``scope`` (and offered on the officials' page, with ``page``)."""
    action = BY_NAME.get(name)
    if action is None or action.scope is not scope or (page and not action.page):
        return None
    return action


def commands() -> list[Action]:
    """The actions that are API commands (each with its own endpoint)."""
    return [action for action in ACTIONS if action.service is not None]


def allowed(user: User, dossier: Dossier) -> list[Action]:
    """What this user may do to the dossier now, in the registry's order. Uses the dossier's (prefetched)
    steps and rating."""
    situation = Situation.of(user, dossier)
    return [action for action in ACTIONS if action.may(situation)]


def allowed_names(user: User, dossier: Dossier) -> list[str]:
    return [action.name for action in allowed(user, dossier)]


def public_names(user: User, dossier: Dossier) -> list[str]:
    """The API's ``actions``: the commands' paths below the dossier (``steps/2/return``, ``request-supplement``),
    so a client offers exactly what will be accepted."""
    situation = Situation.of(user, dossier)
    return [action.public_name(situation) for action in ACTIONS if action.may(situation)]
