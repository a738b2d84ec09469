import datetime

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from thidua.org import queries as org_queries

from . import services
from .forms import BootstrapMixin, VietnameseDateField
from .queries import filter_audit_entries, visible_audit_entries


def require_perm(user, permission: str, obj=None) -> None:
    """Refuse with 403 unless the user holds ``permission`` (on ``obj`` when given)."""
    if not user.has_perm(permission, obj):
        raise PermissionDenied


@login_required
def home(request):
    scope = org_queries.scope_for(request.user)
    grants = request.user.role_grants.select_related("unit").order_by("unit__path", "role")
    context = {
        "grants": [grant for grant in grants if grant.is_active_on(datetime.date.today())],
        "unit_count": org_queries.visible_units(request.user).filter(effective_to__isnull=True).count(),
        "people_count": org_queries.visible_people(request.user).filter(archived=False).count(),
        "has_scope": scope.is_admin or bool(scope.unit_ids()),
        "notifications": request.user.notifications.filter(read_at__isnull=True)[:5],
    }
    return render(request, "core/home.html", context)


class AuditFilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False)
    action = forms.CharField(label=_("Thao tác (mã)"), required=False)
    date_from = VietnameseDateField(label=_("Từ ngày"), required=False)
    date_to = VietnameseDateField(label=_("Đến ngày"), required=False)


@login_required
def audit_log(request):
    require_perm(request.user, "core.view_audit_log")
    form = AuditFilterForm(request.GET or None)
    entries = visible_audit_entries(request.user)
    if form.is_valid():
        data = form.cleaned_data
        entries = filter_audit_entries(
            entries,
            text=data["q"],
            action=data["action"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )
    page = Paginator(entries, 50).get_page(request.GET.get("trang"))
    return render(request, "core/audit_log.html", {"form": form, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    if request.method == "POST":
        services.mark_notifications_read(request.user, actor=request.user)
        return redirect("core:notifications")
    page = Paginator(request.user.notifications.all(), 30).get_page(request.GET.get("trang"))
    return render(request, "core/notifications.html", {"page": page})


COMING_SOON = {
    "phong-trao": (
        _("Phong trào thi đua"),
        _("Phát động phong trào, chỉ tiêu và tiến độ, kế hoạch, đăng ký thi đua, sơ kết, tổng kết."),
    ),
    "khoi-thi-dua": (
        _("Khối, cụm thi đua"),
        _("Bảng tiêu chí, tự chấm, chấm chéo, xếp hạng và bỏ phiếu của khối, cụm."),
    ),
    "ho-so-khen-thuong": (
        _("Hồ sơ khen thưởng"),
        _("Đề nghị khen thưởng, thẩm định hồ sơ, phiên họp và bỏ phiếu kín của Hội đồng."),
    ),
    "quyet-dinh": (_("Quyết định khen thưởng"), _("Quyết định, in bằng khen, giấy khen, thu hồi.")),
    "bao-cao": (_("Báo cáo, thống kê"), _("Báo cáo thống kê thi đua, khen thưởng gửi Bộ Nội vụ.")),
}


@login_required
def coming_soon(request, slug):
    """A page of the product that is not built yet: it says so, instead of a broken link."""
    require_perm(request.user, "core.use_app")
    if slug not in COMING_SOON:
        raise Http404
    title, description = COMING_SOON[slug]
    return render(request, "core/coming_soon.html", {"title": title, "description": description})


@login_required
def lookup(request):
    """Tra cứu: find people and units in the user's scope by typing, with or without diacritics."""
    require_perm(request.user, "core.use_app")
    text = request.GET.get("q", "").strip()
    people = units = []
    if text:
        people = list(org_queries.people_list(request.user, text=text, include_archived=True)[:50])
        units = list(
            org_queries.search_units(org_queries.visible_units(request.user), text).order_by("name_sort")[:50]
        )
    return render(request, "core/lookup.html", {"q": text, "people": people, "units": units})


@login_required
def ethnicities(request):
    from thidua.org.models import Ethnicity

    require_perm(request.user, "core.use_app")
    return render(request, "core/ethnicities.html", {"ethnicities": Ethnicity.objects.all()})
