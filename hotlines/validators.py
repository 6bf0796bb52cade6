"""The phone parser lives in portal.phones (accounts uses it too); its validator keeps this import path for
the hotlines' migrations."""

from portal.phones import normalize_phone, validate_phone

__all__ = ["normalize_phone", "validate_phone"]
