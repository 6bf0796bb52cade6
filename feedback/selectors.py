"""Reads of petitions for the public and for the citizen who sent one: tracking by code (what anyone with the
code may see, and the countdown), the citizen's own list, the published answers and their search, the
choices of the online form, and the attachments a person may download. The officials' worklists live in
feedback/worklists.py."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from dossiers.models import Dossier
from feedback.deadlines import working_days_left
from feedback.errors import FeedbackErrorCode, PetitionNotFound
from feedback.models import Petition, PetitionEvent, PetitionFile
from portal.text import nfc, search_words
from procedures.models import ProcedureVersion
from units.models import Agency, ServiceCentre

State, Kind = Petition.State, PetitionEvent.Kind

# What the history shows to anyone with the code: the steps a citizen recognises, with their dates and the
# agency that took them. The agency's inner workings (assignment, drafts sent back, escalation, notes) and
# every text stay out.
PUBLIC_EVENTS = (Kind.SUBMITTED, Kind.CLASSIFIED, Kind.REFUSED, Kind.INFO_REQUESTED, Kind.INFO_SUPPLIED,
                 Kind.FORWARDED, Kind.ARRIVED, Kind.ANSWERED, Kind.PUBLISHED, Kind.RATED, Kind.REOPENED)

# Each state in the citizen's words: what is happening and what comes next.
STATE_HELP = {
    State.RECEIVED: gettext_lazy("The agency is checking your petition: it will accept it, ask you for more "
                                 "information, or forward it to the competent agency."),
    State.INFO_REQUESTED: gettext_lazy("The agency needs more information from you before it can handle the "
                                       "petition. The handling time stands still until you send it."),
    State.IN_PROGRESS: gettext_lazy("The petition was accepted and an official is handling it."),
    State.ANSWER_PROPOSED: gettext_lazy("The answer is drafted and awaits the approval of the agency's leader."),
    State.ANSWERED: gettext_lazy("The agency has answered. The answer will be published, without your personal "
                                 "data, on the page of answered petitions."),
    State.PUBLISHED: gettext_lazy("The agency has answered, and the answer is published without your personal "
                                  "data."),
    State.REFUSED: gettext_lazy("The petition was not accepted because it does not meet the requirements of "
                                "Decree 20/2008/NĐ-CP."),
    State.FORWARDED: gettext_lazy("The petition was forwarded to the competent agency, outside this portal, "
                                  "which will answer you."),
}

# The badge colour of each state (the tones of static/css/portal.css).
STATE_TONE = {
    State.RECEIVED: "partial", State.INFO_REQUESTED: "warn", State.IN_PROGRESS: "partial",
    State.ANSWER_PROPOSED: "partial", State.ANSWERED: "full", State.PUBLISHED: "full", State.REFUSED: "bad",
    State.FORWARDED: "none",
}


def clean_code(code: str) -> str:
    return nfc(code or "").strip().upper()[:40]


# ---- Tracking ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Countdown:
    """The handling deadline as the citizen sees it: working days left (office time; negative when late),
    standing still while the agency waits for the citizen."""

    deadline: dt.datetime
    days_left: Decimal
    paused: bool

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def whole_days(self) -> int:
        """Whole working days left, or late by (0: less than one)."""
        return math.floor(abs(self.days_left))


def petition_countdown(petition: Petition, *, now: dt.datetime | None = None) -> Countdown | None:
    """Until the answer is due (``due_at``), while the petition is open; None once it is answered, refused
    or forwarded out of the portal. While the agency waits for the citizen, the days left when it asked."""
    if petition.state not in (State.RECEIVED, State.INFO_REQUESTED, State.IN_PROGRESS, State.ANSWER_PROPOSED):
        return None
    paused = petition.state == State.INFO_REQUESTED and petition.paused_at is not None
    at = petition.paused_at if paused else (now or timezone.now())
    return Countdown(deadline=petition.due_at, days_left=working_days_left(petition.due_at, now=at), paused=paused)


def petition_by_code(code: str) -> Petition:
    """Tra cứu phản ánh, kiến nghị: the petition with this code, for anyone who has it. Raises PetitionNotFound."""
    code = clean_code(code)
    petition = (Petition.objects.select_related("agency", "dossier", "procedure", "centre").filter(code=code).first()
                if code else None)
    if petition is None:
        raise PetitionNotFound(
            _("No petition has the code %(code)s. Check the code on your receipt (e.g. PAKN-250701-0001).")
            % {"code": code}, code=FeedbackErrorCode.NOT_FOUND)
    return petition


def public_timeline(petition: Petition) -> list[PetitionEvent]:
    return list(petition.events.filter(kind__in=PUBLIC_EVENTS).select_related("agency").only(
        "kind", "at", "agency__name", "agency__name_en", "agency__code"))


def petition_files(petition: Petition) -> list[PetitionFile]:
    return list(petition.files.only("pk", "original_name", "content_type", "size", "petition_id"))


def petition_file_for(*, user: User, pk: int, proven: frozenset[int] = frozenset()) -> PetitionFile:
    """An attachment for whoever may read its petition's content: an official or the petitioner's account
    (``Petition.objects.visible_to``), or someone who proved with the code and phone number (``proven``: the
    petitions they proved in this session). Anyone else gets the same answer as for a file that does not exist."""
    row = PetitionFile.objects.select_related("petition").filter(pk=pk).first()
    if row is None or not (row.petition_id in proven
                           or Petition.objects.visible_to(user).filter(pk=row.petition_id).exists()):
        raise PetitionNotFound(_("There is no such file."), code=FeedbackErrorCode.NOT_FOUND)
    return row


def petitions_of_citizen(*, user: User) -> QuerySet[Petition]:
    """Phản ánh, kiến nghị của tôi: those the citizen sent from their account, newest first."""
    return Petition.objects.filter(citizen=user).select_related("agency").order_by("-submitted_at", "-id")


# ---- Published answers ------------------------------------------------------------------------------------

def published_answers(*, query: str = "", category: str = "", agency: str = "") -> QuerySet[Petition]:
    """The public page: published answers, newest first, found by every word of ``query`` with or without
    diacritics (the search text is stored with search_fold), by category and by the answering agency's code."""
    rows = Petition.objects.published().select_related("agency").order_by("-published_at", "-id")
    for word in search_words(query):
        rows = rows.filter(Q(*(Q(search_text__contains=form) for form in word.forms), _connector=Q.OR))
    if category in Petition.Category.values:
        rows = rows.filter(category=category)
    if agency:
        rows = rows.filter(agency__code=agency)
    return rows.only("code", "kind", "category", "public_title", "public_content", "submitted_at", "published_at",
                     "rating", "agency__name", "agency__name_en", "agency__code")


def answering_agencies() -> list[Agency]:
    """The agencies that have published an answer: the public page's filter."""
    return list(Agency.objects.filter(petitions__state=State.PUBLISHED).distinct().order_by("name"))


def published_answer(code: str) -> Petition:
    """One published answer by its code; an unpublished petition is not found (never shown, nor hinted at)."""
    petition = Petition.objects.published().select_related("agency").filter(code=clean_code(code)).first()
    if petition is None:
        raise PetitionNotFound(_("There is no published answer with the code %(code)s.") % {"code": clean_code(code)},
                               code=FeedbackErrorCode.NOT_FOUND)
    return petition


# ---- The online form's choices ----------------------------------------------------------------------------

def dossiers_for_petition(*, user: User) -> list[Dossier]:
    """The citizen's sent dossiers a petition may be about (the service accepts only these from them)."""
    return list(Dossier.objects.filter(applicant=user).exclude(state=Dossier.State.DRAFT)
                .select_related("procedure_version").order_by("-submitted_at", "-id")[:200])


def procedures_in_force() -> list[ProcedureVersion]:
    return list(ProcedureVersion.objects.current().select_related("procedure", "field").order_by("field__name", "name"))


def procedure_name(procedure) -> str:
    """The name of the version in force of ``procedure`` (a petition keeps the procedure, not a version)."""
    version = ProcedureVersion.objects.current().filter(procedure=procedure).first()
    return version.display_name if version else procedure.code


def centres_for_petition() -> QuerySet[ServiceCentre]:
    return ServiceCentre.objects.filter(is_published=True).select_related("unit").order_by("level", "name")
