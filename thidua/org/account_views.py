"""Login, logout, password change, and the administration of accounts and their roles."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core import audit
from thidua.core.forms import BootstrapMixin, add_service_errors
from thidua.core.views import require_perm

from . import forms, queries, services
from .enums import Role
from .models import RoleGrant, Unit, User


class LoginForm(BootstrapMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": gettext_lazy(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường."
        ),
        "inactive": gettext_lazy("Tài khoản này đã bị khóa. Hãy liên hệ quản trị hệ thống."),
    }


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    next_page = "accounts:login"


class ThiduaPasswordChangeForm(BootstrapMixin, PasswordChangeForm):
    pass


@login_required
def password_change(request):
    form = ThiduaPasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.change_password(
            request.user, actor=request.user, new_password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Đã đổi mật khẩu."))
        return redirect("core:home")
    return render(request, "org/form.html", {"form": form, "title": _("Đổi mật khẩu")})


def _manageable_users(user):
    """Administrators manage every account; a province officer manages accounts whose roles lie in scope."""
    scope = queries.scope_for(user)
    users = User.objects.all()
    if scope.is_admin:
        return users
    unit_ids = sorted(scope.unit_ids([Role.OFFICER]))
    outside = RoleGrant.objects.exclude(unit_id__in=unit_ids).values("user_id")
    return users.filter(is_superuser=False).exclude(pk__in=outside).exclude(Q(role_grants__role=Role.ADMIN))


def _managed_user(request, pk) -> User:
    require_perm(request.user, "org.manage_accounts")
    target = get_object_or_404(User, pk=pk)
    if not _manageable_users(request.user).filter(pk=target.pk).exists():
        raise PermissionDenied
    return target


def _grant_from_form(user, data, *, actor):
    """Grant the role described by a GrantRoleForm's cleaned data."""
    fields = ["unit", "role", "include_subtree", "valid_from", "valid_to"]
    return services.grant_role(user, actor=actor, **{name: data[name] for name in fields})


def _grantable_units(user):
    """Administrators grant roles anywhere; an officer only in the units of their officer role."""
    scope = queries.scope_for(user)
    return scope.filter_units(Unit.objects.all(), roles=None if scope.is_admin else [Role.OFFICER])


@login_required
def user_list(request):
    require_perm(request.user, "org.manage_accounts")
    users = (
        _manageable_users(request.user).prefetch_related("role_grants__unit").order_by("username").distinct()
    )
    return render(request, "accounts/user_list.html", {"users": users})


class NewAccountForm(forms.AccountForm, forms.GrantRoleForm):
    pass


@login_required
def user_create(request):
    require_perm(request.user, "org.manage_accounts")
    form = NewAccountForm(
        request.POST or None,
        units=_grantable_units(request.user),
        can_grant_admin=queries.scope_for(request.user).is_admin,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user = services.create_account(
                    actor=request.user,
                    username=data["username"],
                    full_name=data["full_name"],
                    password=data["password"],
                    email=data["email"],
                )
                _grant_from_form(user, data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã tạo tài khoản %(name)s.") % {"name": user.username})
            return redirect("accounts:user_detail", pk=user.pk)
    return render(request, "org/form.html", {"form": form, "title": _("Thêm tài khoản")})


@login_required
def user_detail(request, pk):
    target = _managed_user(request, pk)
    form = forms.GrantRoleForm(
        request.POST or None,
        units=_grantable_units(request.user),
        can_grant_admin=queries.scope_for(request.user).is_admin,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _grant_from_form(target, data, actor=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã cấp vai trò."))
            return redirect("accounts:user_detail", pk=target.pk)
    context = {
        "target": target,
        "grants": target.role_grants.select_related("unit").order_by("-valid_to", "unit__path"),
        "form": form,
        "history": audit.history_for(target)[:50],
    }
    return render(request, "accounts/user_detail.html", context)


@login_required
@require_POST
def role_revoke(request, pk, grant_pk):
    target = _managed_user(request, pk)
    grant = get_object_or_404(RoleGrant, pk=grant_pk, user=target)
    try:
        services.revoke_role(grant, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã thu hồi vai trò."))
    return redirect("accounts:user_detail", pk=target.pk)


@login_required
@require_POST
def user_toggle_active(request, pk):
    target = _managed_user(request, pk)
    if target == request.user:
        messages.error(request, _("Bạn không thể tự khóa tài khoản của mình."))
    else:
        services.set_account_active(target, actor=request.user, active=not target.is_active)
    return redirect("accounts:user_detail", pk=target.pk)
