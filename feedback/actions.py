"""Thao tác trên phản ánh, kiến nghị: every action an official or the citizen may take on a petition, in one
registry (STYLE.md). Each says who may take it now, its input fields and the service that does it; the
officials' petition page builds its forms, the API its command endpoints and input serializers, and both
their lists of what is on offer from here. The services check the same rules again under the row lock.
Adding an action is one entry here, plus its service."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from feedback import permissions, services
from feedback.models import Petition


class Input(StrEnum):
    TEXT = "text"  # a line
    LONG_TEXT = "long_text"  # a paragraph
    CHOICE = "choice"  # one of ``choices``
    HANDLER = "handler"  # an official of the petition's agency who may handle it (by username over the API)
    AGENCY = "agency"  # an agency of the portal (by electronic code over the API)
    BOOLEAN = "boolean"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Input
    label: Promise
    required: bool = True
    help: Promise | str = ""
    choices: tuple = ()
    initial: Any = None
    max_length: int | None = None


@dataclass(frozen=True)
class Action:
    name: str
    label: Promise
    may: Callable[[User, Petition], bool]
    service: Callable[..., Petition]
    fields: tuple[Field, ...] = ()
    intro: Promise | str = ""
    done: Promise | str = ""  # the page's message once done ("%(code)s" is the petition's code)
    danger: bool = False
    for_citizen: bool = False  # taken on the citizen's pages, not the officials'
    # A citizen's action open to someone without the petition's account who proved with its code and phone
    # number that they sent it: whether the petition's state allows it now (``may`` asks about an account).
    when_proven: Callable[[Petition], bool] | None = None

    @property
    def path(self) -> str:
        return self.name.replace("_", "-")

    def perform(self, *, petition: Petition, user: User, values: dict[str, Any]) -> Petition:
        return self.service(petition=petition, actor=user, **values)

    def perform_proven(self, *, petition: Petition, values: dict[str, Any]) -> Petition:
        """On behalf of whoever proved with the code and phone number: no actor, the proof said instead."""
        proof = {"proof": True} if "proof" in inspect.signature(self.service).parameters else {}
        return self.service(petition=petition, actor=None, **values, **proof)


def _intake(user, p):
    return p.can_classify() and permissions.can_take_in(user, p)


CATEGORY = Field("category", Input.CHOICE, _("Category (Decree 20/2008, Art. 5)"), choices=tuple(
    Petition.Category.choices))
KIND = Field("kind", Input.CHOICE, _("Kind"), required=False, choices=tuple(Petition.Kind.choices))

ACTIONS: tuple[Action, ...] = (
    Action("classify", _("Accept and classify"), _intake, services.petition_classify,
           fields=(CATEGORY, KIND, Field("handler", Input.HANDLER, _("Handling official"), required=False),
                   Field("note", Input.LONG_TEXT, _("Note"), required=False)),
           intro=_("Within the agency's competence: choose its category; it may go to an official at once."),
           done=_("Petition %(code)s was accepted.")),
    Action("request_info", _("Ask for more information"), lambda u, p: p.can_request_info()
           and permissions.can_take_in(u, p), services.petition_request_info,
           fields=(Field("request", Input.LONG_TEXT, _("What the citizen should add")),),
           intro=_("Within 5 working days of receipt. The handling time stands still until the citizen answers."),
           done=_("The citizen was asked for more information about %(code)s.")),
    Action("forward", _("Forward to the competent agency"), _intake, services.petition_forward,
           fields=(Field("agency", Input.AGENCY, _("Agency in the portal"), required=False),
                   Field("outside", Input.TEXT, _("Or an agency outside the portal"), required=False,
                         max_length=255),
                   Field("note", Input.LONG_TEXT, _("Note"), required=False)),
           intro=_("Within 5 working days of receipt, when another agency is competent."),
           done=_("Petition %(code)s was forwarded.")),
    Action("refuse", _("Do not accept"), _intake, services.petition_refuse,
           fields=(Field("reason", Input.LONG_TEXT, _("Reason, for the citizen")),),
           intro=_("Within 2 working days of receipt, when the requirements of Decree 20/2008 are not met."),
           done=_("Petition %(code)s was not accepted; the citizen is told why."), danger=True),
    Action("assign", _("Assign to an official"), lambda u, p: p.can_assign()
           and (permissions.is_leader(u, p) or permissions.can_take_in(u, p)), services.petition_assign,
           fields=(Field("handler", Input.HANDLER, _("Handling official")),),
           done=_("Petition %(code)s was assigned.")),
    Action("propose_answer", _("Propose the answer"), lambda u, p: p.can_propose_answer()
           and permissions.can_answer(u, p), services.petition_propose_answer,
           fields=(Field("answer", Input.LONG_TEXT, _("Answer to the citizen")),),
           intro=_("The leader approves it before it is sent and published."),
           done=_("The answer to %(code)s awaits the leader's approval.")),
    Action("approve_answer", _("Approve and send the answer"), lambda u, p: p.can_decide_answer()
           and permissions.is_leader(u, p), services.petition_approve_answer,
           fields=(Field("answer", Input.LONG_TEXT, _("Answer (correct it if need be)"), required=False),
                   Field("publish", Input.BOOLEAN, _("Publish it now, with personal data masked"), required=False,
                         initial=True)),
           done=_("The answer to %(code)s was approved and sent to the citizen.")),
    Action("return_answer", _("Send the answer back"), lambda u, p: p.can_decide_answer()
           and permissions.is_leader(u, p), services.petition_return_answer,
           fields=(Field("note", Input.LONG_TEXT, _("What to change")),),
           done=_("The answer to %(code)s was sent back for rework.")),
    Action("publish", _("Publish the answer"), lambda u, p: p.can_publish() and permissions.is_leader(u, p),
           services.petition_publish,
           fields=(Field("public_title", Input.TEXT, _("Published subject"), required=False, max_length=200),
                   Field("public_content", Input.LONG_TEXT, _("Published content"), required=False),
                   Field("public_answer", Input.LONG_TEXT, _("Published answer"), required=False)),
           intro=_("Within 2 working days of the answer. Check that no personal data is left in the texts."),
           done=_("The answer to %(code)s is published.")),
    # The citizen's, on the tracking page (their account, or the code with the petition's phone number).
    Action("supply_info", _("Send the information asked for"), lambda u, p: p.can_supply_info()
           and (permissions.is_petitioner(u, p) or permissions.is_hotline_desk(u) or permissions.can_take_in(u, p)),
           services.petition_supply_info,
           fields=(Field("information", Input.LONG_TEXT, _("Information")),), for_citizen=True,
           when_proven=Petition.can_supply_info, done=_("Your information was added to petition %(code)s.")),
    Action("rate", _("Rate the answer"), lambda u, p: p.can_rate() and permissions.is_petitioner(u, p),
           services.petition_rate,
           fields=(Field("rating", Input.CHOICE, _("Does the answer satisfy you?"),
                         choices=tuple(Petition.Rating.choices)),
                   Field("comment", Input.LONG_TEXT, _("Comment"), required=False)), for_citizen=True,
           when_proven=Petition.can_rate, done=_("Thank you: your rating of the answer to %(code)s was recorded.")),
    Action("reopen", _("Reopen"), lambda u, p: p.can_reopen() and permissions.is_petitioner(u, p),
           services.petition_reopen,
           fields=(Field("reason", Input.LONG_TEXT, _("What is still wrong")),), for_citizen=True,
           when_proven=Petition.can_reopen, done=_("Petition %(code)s was reopened; the agency will answer again.")),
)
_BY_NAME = {action.name: action for action in ACTIONS}


def get(name: str) -> Action | None:
    return _BY_NAME.get((name or "").replace("-", "_"))


def available_proven(petition: Petition) -> list[Action]:
    """What someone who proved with the code and phone number that they sent ``petition`` may do to it now."""
    return [a for a in ACTIONS if a.for_citizen and a.when_proven is not None and a.when_proven(petition)]


def available(user: User, petition: Petition, *, for_citizen: bool | None = None) -> list[Action]:
    """What ``user`` may do to ``petition`` now (``for_citizen``: only the citizen's, or only the officials')."""
    return [a for a in ACTIONS if (for_citizen is None or a.for_citizen == for_citizen) and a.may(user, petition)]
