"""Why a login through the national identity was refused: one stable code per reason, each with what the
citizen reads."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from portal.errors import ApplicationError


class IdentityErrorCode(StrEnum):
    STATE = "identity.state"  # no, an unknown or an already used state: not the answer to our own request
    TOKEN = "identity.token"  # the ID token's signature does not verify, or it is not a well-formed token
    EXPIRED = "identity.expired"
    AUDIENCE = "identity.audience"  # the token was issued to another service, or by another issuer
    NONCE = "identity.nonce"
    CLAIMS = "identity.claims"  # the verified claims cannot make a citizen's account (no or a bad CCCD...)
    OFFICIAL = "identity.official"  # the CCCD belongs to an official's account: never taken over
    INACTIVE = "identity.inactive"
    CANCELLED = "identity.cancelled"  # the citizen cancelled at the provider, or it answered with an error
    UNAVAILABLE = "identity.unavailable"  # the provider is down, too slow, or answers nonsense
    DISABLED = "identity.disabled"


MESSAGES = {
    IdentityErrorCode.STATE: _("This answer from VNeID does not belong to a login started here, or it was already "
                               "used."),
    IdentityErrorCode.TOKEN: _("The answer from VNeID could not be verified: its electronic signature is not "
                               "valid."),
    IdentityErrorCode.EXPIRED: _("The answer from VNeID has expired."),
    IdentityErrorCode.AUDIENCE: _("The answer from VNeID was not issued for this portal."),
    IdentityErrorCode.NONCE: _("The answer from VNeID does not match the login started here."),
    IdentityErrorCode.CLAIMS: _("VNeID did not give a valid personal identification number (CCCD) for this "
                                "account."),
    IdentityErrorCode.OFFICIAL: _("This personal identification number belongs to an official's account, which "
                                  "cannot be used through VNeID. Officials log in with their username and password."),
    IdentityErrorCode.INACTIVE: _("The portal account of this personal identification number is locked. Call the "
                                  "hotline or ask at a public administration service centre."),
    IdentityErrorCode.CANCELLED: _("The login at VNeID was cancelled or did not complete."),
    IdentityErrorCode.UNAVAILABLE: _("VNeID is not answering at the moment (it may be busy or under maintenance)."),
    IdentityErrorCode.DISABLED: _("Logging in with VNeID is not available on this portal."),
}


class IdentityRefused(ApplicationError):
    """A login through the national identity that must not go through; nothing was created or changed."""

    def __init__(self, code: IdentityErrorCode, detail: str = ""):
        super().__init__(str(MESSAGES[code]), code=code, extra={"detail": detail} if detail else None)
        self.detail = detail
