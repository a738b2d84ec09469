"""The eligibility radar, the award catalogue and the rule sets with the province's adjustments."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from thidua.core import audit
from thidua.core.excel import XLSX_CONTENT_TYPE, Column, SheetSpec, build_workbook
from thidua.core.forms import add_service_errors
from thidua.core.views import require_perm
from thidua.org.queries import scope_for, visible_units

from . import forms, services
from .catalog import catalog
from .engine import RewardError
from .models import RuleSetRecord
from .queries import effective_rulesets, file_ruleset, radar, reward
from .terms import SubjectKind

PAGE_SIZE = 100

RADAR_SPEC = SheetSpec(
    title=gettext_lazy("Xét điều kiện"),
    columns=[
        Column("list", gettext_lazy("Danh sách"), width=22),
        Column("subject", gettext_lazy("Cá nhân, tập thể"), width=30),
        Column("unit", gettext_lazy("Đơn vị"), width=30),
        Column("code", gettext_lazy("Mã"), width=12),
        Column("award", gettext_lazy("Danh hiệu, hình thức"), width=36),
        Column("money", gettext_lazy("Tiền thưởng (đồng)"), kind="int", width=16),
        Column("reasons", gettext_lazy("Lý do"), width=100),
        Column("manual", gettext_lazy("Cần Hội đồng xem xét"), width=60),
    ],
)


def _default_unit(user, units):
    scope = scope_for(user)
    candidates = units.filter(effective_to__isnull=True)
    if not scope.is_admin:
        candidates = candidates.filter(pk__in=sorted(scope.unit_ids()))
    return candidates.order_by("depth", "path").first()


@login_required
def radar_page(request):
    require_perm(request.user, "awards.view_radar")
    units = visible_units(request.user)
    initial = {"year": datetime.date.today().year - 1, "unit": _default_unit(request.user, units)}
    bound = bool(request.GET.get("unit"))
    form = forms.RadarForm(request.GET if bound else None, units=units, initial=initial)
    result = None
    data = None
    if bound and form.is_valid():
        data = form.cleaned_data
    elif not bound and initial["unit"] is not None:
        data = {**initial, "award": "", "kind": "", "show": "", "q": "", "money_date": None}
    if data is not None:
        result = radar(
            request.user,
            data["unit"],
            data["year"],
            award=data["award"] or None,
            kind=data["kind"],
            text=data["q"],
            money_date=data["money_date"],
        )
        if request.GET.get("xuat") == "xlsx":
            return _export(result, data["show"])
    context = {"form": form, "result": result, "show": (data or {}).get("show", "")}
    if result is not None:
        context["eligible_page"] = Paginator(result.eligible, PAGE_SIZE).get_page(request.GET.get("trang"))
        context["soon_page"] = Paginator(result.soon, PAGE_SIZE).get_page(request.GET.get("trang_sap"))
        query = request.GET.copy()
        for key in ("trang", "trang_sap", "xuat"):
            query.pop(key, None)
        context["query"] = query.urlencode()
    return render(request, "awards/radar.html", context)


def _export(result, show: str) -> HttpResponse:
    lists = []
    if show in ("", "du"):
        lists.append((_("Đủ điều kiện"), result.eligible, False))
    if show in ("", "sap"):
        lists.append((_("Sắp đủ điều kiện"), result.soon, True))
    if result.manual:
        lists.append((_("Xét thủ công"), result.manual, False))
    rows = [
        {
            "list": label,
            "subject": str(row.subject),
            "unit": row.unit.short_name if row.unit else "",
            "code": row.verdict.award,
            "award": row.award_name,
            "money": row.money.amount if row.money else None,
            "reasons": " ".join(row.outlook.missing) if outlook else " ".join(row.reasons),
            "manual": "; ".join(row.verdict.manual_checks),
        }
        for label, items, outlook in lists
        for row in items
    ]
    response = HttpResponse(build_workbook(RADAR_SPEC, rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="xet-dieu-kien-{result.year}.xlsx"'
    return response


# --------------------------------------------------------------------------------------------- catalogue


@login_required
def catalogue(request):
    require_perm(request.user, "awards.view_radar")
    today = datetime.date.today()
    rows = []
    for award in catalog():
        money = {}
        for kind in award.subjects:
            try:
                money[kind] = reward(award.code, today, kind)
            except RewardError:
                money[kind] = None
        rows.append((award, money))
    return render(request, "awards/catalogue.html", {"rows": rows, "today": today, "kinds": SubjectKind})


# --------------------------------------------------------------------------------------------- rule sets


@login_required
def ruleset_list(request):
    require_perm(request.user, "awards.view_rules")
    records = {record.ruleset_id: record for record in RuleSetRecord.objects.all()}
    rows = [(ruleset, records.get(ruleset.id)) for ruleset in effective_rulesets()]
    return render(
        request, "awards/ruleset_list.html", {"rows": rows, "files_changed": services.rule_files_changed()}
    )


def _forms(record, data=None, which=None):
    version = {"version": record.version}
    made = {}
    for name, form_class in (
        ("quota", forms.QuotaForm),
        ("vote", forms.VoteThresholdForm),
        ("salary", forms.BaseSalaryForm),
        ("rounding", forms.RoundingForm),
    ):
        made[name] = form_class(data if name == which else None, initial=version, prefix=name)
    return made


@login_required
def ruleset_detail(request, ruleset_id):
    require_perm(request.user, "awards.view_rules")
    record = get_object_or_404(RuleSetRecord, ruleset_id=ruleset_id)
    return _render_detail(request, record, _forms(record))


def _render_detail(request, record, made, status=200):
    ruleset = next(r for r in effective_rulesets() if r.id == record.ruleset_id)
    original = file_ruleset(record.ruleset_id)
    rounding = made["rounding"]
    if not rounding.is_bound:
        rounding.initial |= {"unit": ruleset.money_rounding.unit, "mode": ruleset.money_rounding.mode}
    context = {
        "record": record,
        "ruleset": ruleset,
        "original": original,
        "thresholds": [
            (name, getattr(ruleset.thresholds, name)) for name in ruleset.thresholds.__dataclass_fields__
        ],
        "forms": made,
        "can_manage": request.user.has_perm("awards.manage_rules"),
        "history": audit.history_for(record)[:50],
        "award_names": {award.code: award.name_vi for award in catalog()},
        "rounding_label": forms.ROUNDING_LABELS.get(ruleset.money_rounding.mode, ruleset.money_rounding.mode),
    }
    return render(request, "awards/ruleset_detail.html", context, status=status)


ADJUSTMENTS = {
    "han-muc": "quota",
    "ty-le-phieu": "vote",
    "luong-co-so": "salary",
    "lam-tron": "rounding",
}


@login_required
@require_POST
def ruleset_adjust(request, ruleset_id, what):
    require_perm(request.user, "awards.manage_rules")
    record = get_object_or_404(RuleSetRecord, ruleset_id=ruleset_id)
    if what not in ADJUSTMENTS:
        raise Http404
    which = ADJUSTMENTS[what]
    made = _forms(record, request.POST, which)
    form = made[which]
    if form.is_valid():
        data = form.cleaned_data
        common = {"actor": request.user, "expected_version": form.expected_version()}
        try:
            if which == "quota":
                services.set_quota(
                    record, award_code=data["award_code"], percent=data["percent"], of=data["of"], **common
                )
            elif which == "vote":
                services.set_vote_threshold(
                    record,
                    award_code=data["award_code"],
                    percent=data["percent"],
                    basis=data["basis"],
                    **common,
                )
            elif which == "salary":
                services.add_base_salary(
                    record,
                    effective_from=data["effective_from"],
                    amount=data["amount"],
                    basis=data["basis"],
                    **common,
                )
            else:
                services.set_money_rounding(record, unit=data["unit"], mode=data["mode"], **common)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu. Thay đổi được ghi vào nhật ký."))
            return redirect("awards:ruleset_detail", ruleset_id=record.ruleset_id)
    return _render_detail(request, record, made, status=400)


REMOVALS = {"han-muc": "quota", "ty-le-phieu": "vote", "luong-co-so": "salary"}


@login_required
@require_POST
def ruleset_remove(request, ruleset_id, what):
    require_perm(request.user, "awards.manage_rules")
    record = get_object_or_404(RuleSetRecord, ruleset_id=ruleset_id)
    if what not in REMOVALS:
        raise Http404
    form = forms.RemoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Yêu cầu không hợp lệ."))
        return redirect("awards:ruleset_detail", ruleset_id=record.ruleset_id)
    data = form.cleaned_data
    common = {"actor": request.user, "expected_version": form.expected_version()}
    try:
        if what == "han-muc":
            services.remove_quota(record, award_code=data["award_code"], **common)
        elif what == "ty-le-phieu":
            services.reset_vote_threshold(record, award_code=data["award_code"], **common)
        else:
            if data["effective_from"] is None:
                raise ValidationError(_("Yêu cầu không hợp lệ."))
            services.remove_base_salary(record, effective_from=data["effective_from"], **common)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã lưu. Thay đổi được ghi vào nhật ký."))
    return redirect("awards:ruleset_detail", ruleset_id=record.ruleset_id)
