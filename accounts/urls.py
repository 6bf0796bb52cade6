from django.urls import path

from accounts import views
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
    path("password/reset/<uidb64>/<token>/", views.password_reset_confirm, name="password_reset_confirm"),
    path("password/reset/complete/", views.password_reset_complete, name="password_reset_complete"),
]
