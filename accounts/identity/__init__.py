"""Đăng nhập bằng tài khoản định danh điện tử (VNeID): the portal as an OpenID Connect relying party through
mozilla-django-oidc. backend.py checks what the provider answers, services.py turns verified claims into the
citizen's account, session.py marks a session that came from the provider, views.py holds the pages."""
