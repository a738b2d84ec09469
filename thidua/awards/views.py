"""The eligibility radar."""

import datetime

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.excel import Column, SheetSpec, build_workbook
from thidua.core.views import require_perm
from thidua.org.queries import scope_for, visible_units
from thidua.records.forms import RadarForm

from .queries import radar

RADAR_SPEC = SheetSpec(
    title=gettext_lazy("Xét điều kiện"),
    columns=[
        Column("list", gettext_lazy("Danh sách"), width=22),
        Column("subject", gettext_lazy("Cá nhân, tập thể"), width=30),
        Column("unit", gettext_lazy("Đơn vị"), width=30),
        Column("award", gettext_lazy("Danh hiệu, hình thức"), width=36),
        Column("reasons", gettext_lazy("Lý do"), width=90),
    ],
)


def _default_unit(user, units):
    scope = scope_for(user)
    ids = scope.unit_ids() if not scope.is_admin else set(units.values_list("pk", flat=True))
    return units.filter(pk__in=ids, effective_to__isnull=True).order_by("depth", "path").first()


@login_required
def radar_page(request):
    require_perm(request.user, "awards.view_radar")
    units = visible_units(request.user)
    initial = {"year": datetime.date.today().year - 1, "unit": _default_unit(request.user, units)}
    form = RadarForm(request.GET or None, units=units, initial=initial)
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        result = radar(request.user, data["unit"], data["year"], data["award"] or None)
        if request.GET.get("xuat") == "xlsx":
            return _export(result)
    elif not form.is_bound and initial["unit"] is not None:
        result = radar(request.user, initial["unit"], initial["year"])
    return render(request, "awards/radar.html", {"form": form, "result": result})


def _reasons(row, outlook: bool) -> str:
    if outlook:
        return " ".join(row.outlook.missing)
    return " ".join(criterion.text for criterion in row.verdict.criteria if criterion.met)


def _export(result) -> HttpResponse:
    rows = [
        {
            "list": _("Đủ điều kiện") if outlook is False else _("Sắp đủ điều kiện"),
            "subject": str(row.subject),
            "unit": row.subject.unit.short_name if row.is_person and row.subject.unit else "",
            "award": row.award_name,
            "reasons": _reasons(row, outlook),
        }
        for outlook, rows_ in ((False, result.eligible), (True, result.soon))
        for row in rows_
    ]
    response = HttpResponse(
        build_workbook(RADAR_SPEC, rows),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="xet-dieu-kien-{result.year}.xlsx"'
    return response
