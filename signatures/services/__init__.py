"""Every write of the signatures app (see the modules for each capability)."""

from signatures.services.ca import ca_init, crl_publish, crls_refresh, timestamping_issue
from signatures.services.certificates import (
    certificate_issue,
    certificate_revoke,
    certificates_remind_expiring,
    pin_errors,
    token_unlock,
)
from signatures.services.requests import (
    certificate_request_approve,
    certificate_request_create,
    certificate_request_reject,
    official_request_errors,
)
from signatures.services.signing import document_sign, organisation_sign, personal_sign, signer_open

__all__ = [
    "ca_init", "certificate_issue", "certificate_request_approve", "certificate_request_create",
    "certificate_request_reject", "certificate_revoke", "certificates_remind_expiring", "crl_publish",
    "crls_refresh", "document_sign", "official_request_errors", "organisation_sign", "personal_sign", "pin_errors",
    "signer_open", "timestamping_issue",
    "token_unlock",
]
