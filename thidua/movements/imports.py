"""Excel: export targets and progress; import progress values and registrations (all or nothing)."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from openpyxl.styles import Font

from thidua.core.excel import Column, ParsedRow, SheetSpec, build_workbook
from thidua.core.vietnamese import fold
from thidua.org.models import Person, Unit
from thidua.org.queries import scope_for

from . import queries, services
from .achievement import Direction, PeriodKind
from .models import Movement, ProgressReport, Target
from .titles import TITLES, TitleKind

PROGRESS_SPEC = SheetSpec(
    title=gettext_lazy("Tiến độ"),
    columns=[
        Column(
            "target_code",
            gettext_lazy("Mã chỉ tiêu"),
            required=True,
            max_length=20,
            example="3",
            help=gettext_lazy("Mã ở trang «Chỉ tiêu» của tệp xuất (ví dụ 3, hoặc 6.1 cho chỉ tiêu con)."),
            width=12,
        ),
        Column("target_name", gettext_lazy("Tên chỉ tiêu (để đối chiếu)"), width=40),
        Column("unit_code", gettext_lazy("Mã đơn vị"), required=True, max_length=40, example="STC", width=12),
        Column(
            "period_kind",
            gettext_lazy("Loại kỳ"),
            kind="choice",
            required=True,
            choices=PeriodKind.choices(),
            example="Quý",
            width=10,
        ),
        Column("period_year", gettext_lazy("Năm"), kind="int", required=True, example=2022, width=8),
        Column(
            "period_index",
            gettext_lazy("Kỳ số"),
            kind="int",
            required=True,
            example=2,
            help=gettext_lazy("Tháng 1–12, quý 1–4, 6 tháng 1–2, năm: 1."),
            width=8,
        ),
        Column("value", gettext_lazy("Giá trị"), kind="decimal", required=True, example="1.180", width=14),
        Column("note", gettext_lazy("Ghi chú"), max_length=2000, width=40),
    ],
)

TARGET_SPEC = SheetSpec(
    title=gettext_lazy("Chỉ tiêu"),
    columns=[
        Column("code", gettext_lazy("Mã chỉ tiêu"), width=12),
        Column("name", gettext_lazy("Tên chỉ tiêu"), width=45),
        Column(
            "direction", gettext_lazy("Chiều đánh giá"), kind="choice", choices=Direction.choices(), width=16
        ),
        Column("target_value", gettext_lazy("Giá trị chỉ tiêu"), kind="decimal", width=14),
        Column("unit_of_measure", gettext_lazy("Đơn vị tính"), width=12),
        Column("baseline", gettext_lazy("Giá trị gốc"), kind="decimal", width=12),
        Column("responsible", gettext_lazy("Đơn vị chịu trách nhiệm"), width=30),
        Column("latest_period", gettext_lazy("Kỳ báo cáo gần nhất"), width=18),
        Column("latest_value", gettext_lazy("Giá trị gần nhất"), kind="decimal", width=14),
        Column("status", gettext_lazy("Đánh giá"), width=18),
        Column("percent", gettext_lazy("Tỷ lệ đạt (%)"), kind="decimal", width=12),
    ],
)

REGISTRATION_SPEC = SheetSpec(
    title=gettext_lazy("Đăng ký cá nhân"),
    columns=[
        Column(
            "unit_code", gettext_lazy("Mã đơn vị"), required=True, max_length=40, example="SGDDT", width=12
        ),
        Column(
            "person_name",
            gettext_lazy("Họ và tên"),
            required=True,
            max_length=120,
            example="Nguyễn Văn Đức",
            width=28,
        ),
        Column("position_title", gettext_lazy("Chức vụ"), max_length=200, example="Chuyên viên", width=24),
        Column(
            "title",
            gettext_lazy("Danh hiệu đăng ký"),
            kind="choice",
            required=True,
            choices=[(title.code, title.label) for title in TITLES if title.kind == TitleKind.INDIVIDUAL],
            example="Lao động tiên tiến",
            width=28,
        ),
    ],
)


class ProgressImporter:
    """Progress values of one movement: each row names a target (its code), a unit and a period."""

    spec = PROGRESS_SPEC

    def __init__(self, movement: Movement):
        self.movement = movement

    def check(self, rows: list[ParsedRow], *, actor) -> None:
        targets = {target.code: target for target in self.movement.targets.select_related("movement")}
        units = {unit.code.upper(): unit for unit in Unit.objects.filter(code__in=_codes(rows))}
        allowed_cache: dict[int, set[int] | None] = {}
        seen: dict[tuple, int] = {}
        for row in rows:
            values = row.values
            target = targets.get(str(values.get("target_code") or "").strip())
            if values.get("target_code") and target is None:
                row.error(
                    "target_code",
                    _("phong trào không có chỉ tiêu mã «%(code)s»") % {"code": values["target_code"]},
                    self.spec,
                )
            unit = units.get(str(values.get("unit_code") or "").upper())
            if values.get("unit_code") and unit is None:
                row.error(
                    "unit_code", _("không có đơn vị mã «%(code)s»") % {"code": values["unit_code"]}, self.spec
                )
            if unit is not None:
                if not services.unit_in_scope(self.movement, unit):
                    row.error("unit_code", _("đơn vị không thuộc phạm vi phong trào"), self.spec)
                elif not scope_for(actor).can_edit_in_unit(unit.pk):
                    row.error("unit_code", _("bạn không có quyền báo cáo cho đơn vị này"), self.spec)
                elif target is not None:
                    if target.pk not in allowed_cache:
                        allowed_cache[target.pk] = services.reporting_unit_ids(actor, target)
                    allowed = allowed_cache[target.pk]
                    if allowed is not None and unit.pk not in allowed:
                        row.error("unit_code", _("đơn vị không chịu trách nhiệm chỉ tiêu này"), self.spec)
            kind, year, index = (
                values.get("period_kind"),
                values.get("period_year"),
                values.get("period_index"),
            )
            if kind and year and index:
                period = PeriodKind(kind)
                if not 1 <= index <= period.periods_per_year:
                    row.error(
                        "period_index",
                        _("kỳ %(kind)s chỉ từ 1 đến %(n)s")
                        % {"kind": period.label, "n": period.periods_per_year},
                        self.spec,
                    )
                elif period.end(year, index) < self.movement.period_start or (
                    period.start(year, index) > self.movement.period_end
                ):
                    row.error("period_year", _("kỳ báo cáo nằm ngoài thời gian phong trào"), self.spec)
                key = (values.get("target_code"), str(values.get("unit_code")).upper(), kind, year, index)
                if key in seen:
                    row.error("", _("trùng chỉ tiêu, đơn vị và kỳ với dòng %(row)s") % {"row": seen[key]})
                else:
                    seen[key] = row.number
            values["target_obj"] = target
            values["unit_obj"] = unit

    def write(self, rows: list[ParsedRow], *, actor) -> tuple[int, int]:
        return services.import_progress(self.movement, rows, actor=actor)


def _codes(rows, key="unit_code") -> list[str]:
    return sorted({str(row.values.get(key) or "").strip() for row in rows} - {""})


class RegistrationImporter:
    """Individuals' registrations: unit code, name, position, title. A name matching exactly one person of
    the unit (diacritics ignored) is linked to that person."""

    spec = REGISTRATION_SPEC

    def __init__(self, movement: Movement):
        self.movement = movement

    def check(self, rows: list[ParsedRow], *, actor) -> None:
        units = {unit.code.upper(): unit for unit in Unit.objects.filter(code__in=_codes(rows))}
        existing = set(self.movement.registrations.values_list("unit_id", "title", "person_name"))
        seen: dict[tuple, int] = {}
        for row in rows:
            values = row.values
            unit = units.get(str(values.get("unit_code") or "").upper())
            if values.get("unit_code") and unit is None:
                row.error(
                    "unit_code", _("không có đơn vị mã «%(code)s»") % {"code": values["unit_code"]}, self.spec
                )
            elif unit is not None:
                if not services.unit_in_scope(self.movement, unit):
                    row.error("unit_code", _("đơn vị không thuộc phạm vi phong trào"), self.spec)
                elif not scope_for(actor).can_edit_in_unit(unit.pk):
                    row.error("unit_code", _("bạn không có quyền đăng ký cho đơn vị này"), self.spec)
            name = " ".join(str(values.get("person_name") or "").split())
            values["person_name"] = name
            values["person_obj"] = None
            if unit is not None and name:
                matches = list(Person.objects.filter(unit=unit, name_folded=fold(name), archived=False)[:2])
                if len(matches) == 1:
                    values["person_obj"] = matches[0]
                key = (unit.pk, values.get("title"), name)
                if key in existing:
                    row.error("person_name", _("người này đã đăng ký danh hiệu này"), self.spec)
                if key in seen:
                    row.error("", _("trùng với dòng %(row)s") % {"row": seen[key]})
                else:
                    seen[key] = row.number
            values["unit_obj"] = unit

    def write(self, rows: list[ParsedRow], *, actor) -> tuple[int, int]:
        return services.import_registrations(self.movement, rows, actor=actor)


# --- export -----------------------------------------------------------------------------------------------


def progress_rows(reports):
    for report in reports:
        yield {
            "target_code": report.target.code,
            "target_name": report.target.name,
            "unit_code": report.unit.code,
            "period_kind": report.period_kind,
            "period_year": report.period_year,
            "period_index": report.period_index,
            "value": queries.decimal_plain(report.value),
            "note": report.note,
        }


def target_rows(rows):
    for row in rows:
        target, latest = row.target, row.latest
        yield {
            "code": target.code,
            "name": target.name,
            "direction": target.direction,
            "target_value": queries.decimal_plain(target.target_value),
            "unit_of_measure": target.unit_of_measure,
            "baseline": queries.decimal_plain(target.baseline),
            "responsible": ", ".join(unit.short_name for unit in target.responsible_units.all()),
            "latest_period": latest.period_label if latest else "",
            "latest_value": queries.decimal_plain(latest.value) if latest else None,
            "status": row.status_label,
            "percent": latest.percent if latest else None,
        }


def export_workbook(movement: Movement, *, unit: Unit | None = None) -> bytes:
    """Sheet 1: progress values (importable back); sheet 2: the targets with their latest value and status."""
    reports = (
        ProgressReport.objects.filter(target__movement=movement)
        .select_related("target", "unit")
        .order_by("target__order", "target_id", "period_end", "unit__path")
    )
    if unit is not None:
        from thidua.org.queries import subtree_q

        reports = reports.filter(subtree_q(unit, "unit__"))
    progress = build_workbook(PROGRESS_SPEC, progress_rows(reports))
    targets = build_workbook(TARGET_SPEC, target_rows(queries.dashboard(movement, unit=unit)))
    book = load_workbook(io.BytesIO(progress))
    source = load_workbook(io.BytesIO(targets)).worksheets[0]
    sheet = book.create_sheet(str(TARGET_SPEC.title)[:31])
    for row in source.iter_rows(values_only=True):
        sheet.append(list(row))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter, dimension in source.column_dimensions.items():
        sheet.column_dimensions[letter].width = dimension.width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def target_by_code(movement: Movement, code: str) -> Target | None:
    return movement.targets.filter(code=code).first()
