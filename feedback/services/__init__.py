"""Every write on petitions and the hotline desk (STYLE.md: one function per use case, in a transaction)."""

from feedback.services.calls import CallInput, hotline_call_record
from feedback.services.citizen import petition_rate, petition_reopen
from feedback.services.escalation import petitions_escalate
from feedback.services.handling import (
    petition_approve_answer,
    petition_assign,
    petition_classify,
    petition_forward,
    petition_propose_answer,
    petition_publish,
    petition_refuse,
    petition_request_info,
    petition_return_answer,
    petition_supply_info,
)
from feedback.services.intake import PetitionInput, petition_submit

__all__ = [
    "CallInput", "PetitionInput", "hotline_call_record", "petition_approve_answer", "petition_assign",
    "petition_classify", "petition_forward", "petition_propose_answer", "petition_publish", "petition_rate",
    "petition_refuse", "petition_reopen", "petition_request_info", "petition_return_answer", "petition_submit",
    "petition_supply_info", "petitions_escalate",
]
