"""A stand-in for the national electronic identity (VNeID) as an OpenID Connect provider: a separate HTTP
service (Flask and Authlib, no Django) with its own SQLite database, run with ``python -m accounts.mock``.
It knows nothing of the portal's code or database: it speaks OpenID Connect (discovery, JWKS, the
authorization code flow with PKCE S256 and nonce, userinfo, RP-initiated logout), as the real provider would.

The real VNeID's claim set for relying parties is not public: the claims here (docs/national-identity.md)
are the standard OpenID Connect ones plus ``cccd`` and ``identity_level``, an assumption to adjust."""
