"""Every write to a dossier, one function per use case (DESIGN.md §4): lock the row, check the guard,
write the new state and an append-only DossierEvent, in one transaction."""

from dossiers.services._common import ApplicantData
from dossiers.services.checks import (
    dossier_receive,
    dossier_refuse,
    dossier_request_supplement,
    dossier_supplement,
)
from dossiers.services.closing import (
    dossier_paper_delivery_choose,
    dossier_rate,
    dossier_return,
    dossier_withdraw,
    result_hand_over,
    result_post,
    result_receive_online,
)
from dossiers.services.drafts import result_draft_attach
from dossiers.services.intake import (
    dossier_create_at_counter,
    dossier_draft_delete,
    dossier_draft_save,
    dossier_save_and_submit,
    dossier_submit,
    missing_components,
)
from dossiers.services.processing import (
    completing_needs_result,
    completing_numbers_result,
    dossier_extend,
    dossier_stop,
    drafting_step,
    may_draft_result,
    numbering_step,
    result_step,
    step_complete,
    step_complete_with_pin,
    step_return,
    step_take,
    step_transfer,
)

__all__ = [
    "ApplicantData", "dossier_draft_save", "dossier_save_and_submit", "dossier_draft_delete", "dossier_submit", "dossier_create_at_counter", "missing_components",
    "dossier_receive", "dossier_request_supplement", "dossier_supplement", "dossier_refuse",
    "step_take", "step_complete", "step_complete_with_pin", "step_return", "step_transfer", "result_step",
    "completing_needs_result", "completing_numbers_result", "numbering_step", "drafting_step", "may_draft_result", "result_draft_attach",
    "dossier_extend", "dossier_stop", "dossier_return", "dossier_withdraw", "dossier_rate",
    "result_receive_online", "result_hand_over", "result_post", "dossier_paper_delivery_choose",
]
