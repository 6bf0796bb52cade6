from django.urls import path

from accounts import views, web_password_reset, web_two_factor
from accounts.identity import views as identity_views

app_name = "accounts"
urlpatterns = [
    path("", views.home, name="home"),
    path("register/", views.register, name="register"),
    path("login/", views.login_view, name="login"),
    path("logout/", identity_views.logout, name="logout"),  # at VNeID too when the session came from it
    path("vneid/login/", identity_views.start, name="identity_start"),
    path("vneid/callback/", identity_views.callback, name="identity_callback"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    # By account (CCCD number or username): a link by e-mail or a code by SMS. Before the link's pattern.
    path("password/reset/account/", web_password_reset.start, name="password_reset_account"),
    path("password/reset/account/sent/", web_password_reset.link_sent, name="password_reset_link_sent"),
    path("password/reset/code/", web_password_reset.code, name="password_reset_code"),
    path("password/reset/code/password/", web_password_reset.new_password, name="password_reset_code_password"),
    path("password/reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password/reset/complete/", views.password_reset_complete, name="password_reset_complete"),
    path("two-factor/", web_two_factor.verify, name="second_factor_verify"),
    path("two-factor/set-up/", web_two_factor.enrol, name="second_factor_enrol"),
    path("two-factor/backup-codes/", web_two_factor.backup_codes, name="second_factor_backup_codes"),
    path("two-factor/off/", web_two_factor.turn_off, name="second_factor_off"),
]
