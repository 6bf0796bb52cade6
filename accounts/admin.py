from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.services import provincial_admin_access_sync


class UserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username",)


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Staff and citizens. User.clean() keeps role, CCCD, agency and centre consistent; a provincial
    admin may manage accounts but never superusers nor anyone's permissions (that would let them
    grant themselves everything)."""

    form = UserEditForm
    add_form = UserCreationForm
    list_display = ("username", "full_name", "role", "agency", "centre", "is_active")
    list_filter = ("role", "is_active", "is_staff", "agency")
    list_select_related = ("agency", "centre")
    search_fields = ("username", "full_name", "cccd", "email", "phone")
    ordering = ("username",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Person"),
            {"fields": ("full_name", "cccd", "date_of_birth", "gender", "phone", "email", "address")},
        ),
        (_("Work"), {"fields": ("role", "agency", "centre", "position")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "usable_password", "password1", "password2")}),
        (_("Person"), {"fields": ("full_name", "cccd", "date_of_birth", "gender", "phone", "email")}),
        (_("Work"), {"fields": ("role", "agency", "centre", "position")}),
    )
    readonly_fields = ("last_login", "date_joined")

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return fields
        # is_staff follows the role (services.provincial_admin_access_sync), so it is not typed in.
        return fields + ("is_staff", "is_superuser", "groups", "user_permissions")

    def get_queryset(self, request):
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    def save_related(self, request, form, formsets, change):
        # After the groups from the form are saved, or they would overwrite the admins' group.
        super().save_related(request, form, formsets, change)
        if not change or "role" in form.changed_data:
            provincial_admin_access_sync(user=form.instance)
