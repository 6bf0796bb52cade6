from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from accounts.access import access_changes
from accounts.models import User
from accounts.services import provincial_admin_access_sync
from accounts.two_factor import second_factor_reset


class UserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username",)


class UserEditForm(UserChangeForm):
    """A change of role or agency changes what the official may see: the form says what, and saves only when
    the admin confirms (accounts.access)."""

    confirm_access_change = forms.BooleanField(
        label=_("I confirm this change of access"), required=False,
        help_text=_("Needed when the role or the agency changes: the form first shows what the official will gain "
                    "or lose access to."))

    class Meta(UserChangeForm.Meta):
        model = User

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and {"role", "agency"} & set(self.changed_data) and "role" in cleaned:
            stored = User.objects.get(pk=self.instance.pk)
            changes = access_changes(stored, role=cleaned["role"], agency=cleaned.get("agency"))
            if changes and not cleaned.get("confirm_access_change"):
                raise forms.ValidationError([
                    _("This changes what %(name)s may see:") % {"name": stored}, *changes,
                    _("Tick “I confirm this change of access” and save again to apply it.")],
                    code="confirm_access_change")
        return cleaned


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
        (_("Work"), {"fields": ("role", "agency", "centre", "position", "confirm_access_change")}),
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
    actions = ["reset_second_factor"]

    @admin.action(description=_("Reset the second factor (lost phone): the official sets it up again at next login"),
                  permissions=["change"])
    def reset_second_factor(self, request, queryset):
        users = list(queryset)
        for user in users:
            second_factor_reset(user=user, by=request.user)
        self.message_user(request, _("Second factor reset for: %(names)s. Tell them to log in again and set up "
                                     "their authenticator app.") % {"names": ", ".join(u.username for u in users)})

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
