"""Excel import and export of units and people (Vietnamese headers, all-or-nothing)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core import audit
from thidua.core.excel import Column, ParsedRow, SheetSpec, check_unique
from thidua.core.services import service
from thidua.core.vietnamese import fold

from . import services
from .enums import Gender, PositionLevel, UnitType
from .models import Ethnicity, Person, Unit
from .queries import scope_for

UNIT_SPEC = SheetSpec(
    title=gettext_lazy("Đơn vị"),
    columns=[
        Column(
            "code",
            gettext_lazy("Mã đơn vị"),
            required=True,
            max_length=40,
            pattern=r"[A-Za-z0-9_.-]{1,40}",
            pattern_message=gettext_lazy("chỉ gồm chữ không dấu, chữ số và các dấu . _ -"),
            example="SNV",
            help=gettext_lazy("Mã duy nhất. Mã đã có thì dòng này cập nhật đơn vị đó."),
            width=14,
        ),
        Column(
            "short_name", gettext_lazy("Tên viết tắt"), required=True, max_length=120, example="Sở Nội vụ"
        ),
        Column(
            "full_name",
            gettext_lazy("Tên đầy đủ"),
            required=True,
            max_length=300,
            example="Sở Nội vụ tỉnh Lai Châu",
            width=40,
        ),
        Column(
            "unit_type",
            gettext_lazy("Loại đơn vị"),
            kind="choice",
            required=True,
            choices=UnitType.choices,
            example=UnitType.DEPARTMENT,
            width=30,
        ),
        Column(
            "parent_code",
            gettext_lazy("Mã đơn vị cấp trên"),
            max_length=40,
            example="UBND",
            help=gettext_lazy("Mã của đơn vị đã có, hoặc của một dòng phía trên trong cùng tệp."),
            width=16,
        ),
        Column("order", gettext_lazy("Thứ tự"), kind="int", example=10, width=8),
        Column("effective_from", gettext_lazy("Hiệu lực từ ngày"), kind="date", width=14),
        Column("effective_to", gettext_lazy("Hiệu lực đến ngày"), kind="date", width=14),
    ],
)

PERSON_SPEC = SheetSpec(
    title=gettext_lazy("Cá nhân"),
    columns=[
        Column(
            "cccd",
            gettext_lazy("Số CCCD"),
            pattern=r"\d{12}",
            pattern_message=gettext_lazy("gồm đúng 12 chữ số"),
            example="012345678901",
            help=gettext_lazy("Nếu đã có người mang số CCCD này thì dòng cập nhật người đó."),
            width=16,
        ),
        Column(
            "full_name",
            gettext_lazy("Họ và tên"),
            required=True,
            max_length=120,
            example="Nguyễn Văn Đức",
            width=28,
        ),
        Column(
            "gender",
            gettext_lazy("Giới tính"),
            kind="choice",
            required=True,
            choices=Gender.choices,
            example=Gender.MALE,
            width=10,
        ),
        Column("birth_date", gettext_lazy("Ngày sinh"), kind="date", width=12),
        Column(
            "ethnicity",
            gettext_lazy("Dân tộc"),
            max_length=60,
            example="Kinh",
            help=gettext_lazy("Tên một trong 54 dân tộc (không phân biệt dấu)."),
            width=12,
        ),
        Column("unit_code", gettext_lazy("Mã đơn vị"), required=True, max_length=40, example="SNV", width=14),
        Column("position_title", gettext_lazy("Chức vụ"), max_length=200, example="Chuyên viên", width=24),
        Column(
            "position_level",
            gettext_lazy("Nhóm chức vụ"),
            kind="choice",
            choices=PositionLevel.choices,
            example=PositionLevel.STAFF,
            width=30,
        ),
        Column("position_start", gettext_lazy("Giữ chức vụ từ ngày"), kind="date", width=14),
        Column("email", gettext_lazy("Thư điện tử"), max_length=254, width=24),
        Column("phone", gettext_lazy("Điện thoại"), max_length=20, width=14),
    ],
)


def _codes(values) -> set[str]:
    return {value.upper() for value in values if value}


class UnitImporter:
    """Create or update units by code. A parent may be an existing unit or a row above in the same file."""

    spec = UNIT_SPEC

    def check(self, rows: list[ParsedRow], *, actor) -> None:
        scope = scope_for(actor)
        check_unique(rows, "code", self.spec, normalise=str.upper)
        existing = {
            unit.code.upper(): unit
            for unit in Unit.objects.filter(code__in=[r.values["code"] for r in rows if r.values.get("code")])
        }
        wanted_parents = _codes(row.values.get("parent_code") for row in rows)
        parents = {unit.code.upper(): unit for unit in Unit.objects.filter(code__in=wanted_parents)}
        seen_in_file: dict[str, int] = {}
        for row in rows:
            code = (row.values.get("code") or "").upper()
            parent_code = (row.values.get("parent_code") or "").upper()
            if parent_code:
                if parent_code == code:
                    row.error("parent_code", _("đơn vị không thể là cấp trên của chính nó"), self.spec)
                elif parent_code in parents:
                    if not scope.can_manage_organisation(parents[parent_code].pk):
                        row.error(
                            "parent_code",
                            _("bạn không có quyền quản lý đơn vị «%(code)s»")
                            % {"code": row.values["parent_code"]},
                            self.spec,
                        )
                elif parent_code not in seen_in_file:
                    row.error(
                        "parent_code",
                        _("không có đơn vị mã «%(code)s» trong hệ thống hay ở các dòng phía trên")
                        % {"code": row.values["parent_code"]},
                        self.spec,
                    )
            elif not scope.is_admin:
                row.error("parent_code", _("chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất"), self.spec)
            if code in existing and not scope.can_manage_organisation(existing[code].pk):
                row.error(
                    "code",
                    _("bạn không có quyền sửa đơn vị «%(code)s»") % {"code": row.values["code"]},
                    self.spec,
                )
            start, end = row.values.get("effective_from"), row.values.get("effective_to")
            if start and end and end < start:
                row.error("effective_to", _("ngày kết thúc hiệu lực trước ngày bắt đầu"), self.spec)
            if code:
                seen_in_file.setdefault(code, row.number)

    def write(self, rows: list[ParsedRow], *, actor) -> tuple[int, int]:
        return import_units(rows, actor=actor)


@service
def import_units(rows: list[ParsedRow], *, actor) -> tuple[int, int]:
    """Write checked unit rows (see ``UnitImporter``). Side effects: one audit entry per unit and one for the
    import itself (``org.unit.import``)."""
    created = updated = 0
    by_code = {unit.code.upper(): unit for unit in Unit.objects.all().only("pk", "code", "path")}
    for row in rows:
        values = row.values
        parent = by_code.get((values.get("parent_code") or "").upper())
        fields = {
            "short_name": values["short_name"],
            "full_name": values["full_name"],
            "unit_type": values["unit_type"],
            "parent": parent,
            "order": values.get("order") or 0,
            "effective_from": values.get("effective_from"),
            "effective_to": values.get("effective_to"),
        }
        existing = by_code.get(values["code"].upper())
        if existing is not None:
            unit = services.update_unit(Unit.objects.get(pk=existing.pk), actor=actor, **fields)
            updated += 1
        else:
            unit = services.create_unit(actor=actor, code=values["code"], **fields)
            created += 1
        by_code[unit.code.upper()] = unit
    root = next(iter(by_code.values()))
    audit.record(
        "org.unit.import",
        root,
        actor=actor,
        after={"rows": len(rows), "created": created, "updated": updated},
        summary=_("Nhập %(n)s đơn vị từ Excel") % {"n": len(rows)},
    )
    return created, updated


def _ethnicity_lookup() -> dict[str, Ethnicity]:
    lookup = {}
    for ethnicity in Ethnicity.objects.all():
        lookup[fold(ethnicity.name)] = ethnicity
        lookup[fold(ethnicity.name).replace("-", " ")] = ethnicity
        for other in ethnicity.other_names.split(","):
            if other.strip():
                lookup.setdefault(fold(other), ethnicity)
    return lookup


class PersonImporter:
    """Create or update people. A row with a known CCCD updates that person; so does a row without CCCD whose
    name and birth date match exactly one person of the same unit. Otherwise a new person is created."""

    spec = PERSON_SPEC

    def __init__(self):
        self._ethnicities = _ethnicity_lookup()

    def check(self, rows: list[ParsedRow], *, actor) -> None:
        scope = scope_for(actor)
        check_unique(rows, "cccd", self.spec)
        units = {
            unit.code.upper(): unit
            for unit in Unit.objects.filter(
                code__in=[row.values["unit_code"] for row in rows if row.values.get("unit_code")]
            )
        }
        known = {
            person.cccd: person
            for person in Person.objects.filter(
                cccd__in=[row.values["cccd"] for row in rows if row.values.get("cccd")]
            )
        }
        for row in rows:
            values = row.values
            unit = units.get((values.get("unit_code") or "").upper())
            if values.get("unit_code") and unit is None:
                row.error(
                    "unit_code", _("không có đơn vị mã «%(code)s»") % {"code": values["unit_code"]}, self.spec
                )
            elif unit is not None and not scope.can_edit_in_unit(unit.pk):
                row.error(
                    "unit_code",
                    _("bạn không có quyền cập nhật cá nhân của đơn vị «%(code)s»")
                    % {"code": values["unit_code"]},
                    self.spec,
                )
            existing = known.get(values.get("cccd"))
            if existing is not None and not scope.can_edit_in_unit(existing.unit_id):
                row.error(
                    "cccd", _("số CCCD này thuộc một người của đơn vị khác mà bạn không quản lý"), self.spec
                )
            if values.get("ethnicity"):
                ethnicity = self._ethnicities.get(fold(values["ethnicity"]))
                if ethnicity is None:
                    row.error(
                        "ethnicity",
                        _("«%(value)s» không phải tên một trong 54 dân tộc") % {"value": values["ethnicity"]},
                        self.spec,
                    )
                values["ethnicity_obj"] = ethnicity
            if values.get("birth_date") and values["birth_date"].year < 1900:
                row.error("birth_date", _("năm sinh không hợp lý"), self.spec)
            if values.get("position_start") and not values.get("position_title"):
                row.error("position_title", _("có ngày giữ chức vụ thì phải có chức vụ"), self.spec)
            values["unit_obj"] = unit
            values["existing"] = existing or self._match_without_cccd(values, unit)

    @staticmethod
    def _match_without_cccd(values, unit) -> Person | None:
        if values.get("cccd") or unit is None or not values.get("full_name"):
            return None
        matches = list(
            Person.objects.filter(
                unit=unit, name_folded=fold(values["full_name"]), birth_date=values.get("birth_date")
            )[:2]
        )
        return matches[0] if len(matches) == 1 else None

    def write(self, rows: list[ParsedRow], *, actor) -> tuple[int, int]:
        return import_people(rows, actor=actor)


@service
def import_people(rows: list[ParsedRow], *, actor) -> tuple[int, int]:
    """Write checked person rows (see ``PersonImporter``). Side effects: the services' audit entries per person
    and one for the import (``org.person.import``)."""
    created = updated = 0
    last = None
    for row in rows:
        values = row.values
        unit = values["unit_obj"]
        identity = {
            "full_name": values["full_name"],
            "gender": values["gender"],
            "birth_date": values.get("birth_date"),
            "ethnicity": values.get("ethnicity_obj"),
            "email": values.get("email") or "",
            "phone": values.get("phone") or "",
        }
        person = values.get("existing")
        title = values.get("position_title") or ""
        level = values.get("position_level") or PositionLevel.STAFF
        if person is None:
            last = services.create_person(
                actor=actor,
                unit=unit,
                cccd=values.get("cccd"),
                position_title=title,
                position_level=level,
                position_start=values.get("position_start"),
                **identity,
            )
            created += 1
            continue
        person = services.update_person(
            person, actor=actor, cccd=values.get("cccd") or person.cccd, **identity
        )
        if title and (person.unit_id != unit.pk or person.position_title != title):
            start = values.get("position_start")
            current = person.employments.filter(end_date__isnull=True).first()
            if start is None or (current and start <= current.start_date):
                from django.utils import timezone

                start = timezone.localdate()
            services.assign_position(
                person, actor=actor, unit=unit, position_title=title, position_level=level, start_date=start
            )
        last = person
        updated += 1
    audit.record(
        "org.person.import",
        last,
        actor=actor,
        after={"rows": len(rows), "created": created, "updated": updated},
        summary=_("Nhập %(n)s cá nhân từ Excel") % {"n": len(rows)},
    )
    return created, updated


def unit_rows(units):
    for unit in units:
        yield {
            "code": unit.code,
            "short_name": unit.short_name,
            "full_name": unit.full_name,
            "unit_type": unit.unit_type,
            "parent_code": unit.parent.code if unit.parent_id else "",
            "order": unit.order,
            "effective_from": unit.effective_from,
            "effective_to": unit.effective_to,
        }


def person_rows(people):
    for person in people:
        yield {
            "cccd": person.cccd or "",
            "full_name": person.full_name,
            "gender": person.gender,
            "birth_date": person.birth_date,
            "ethnicity": person.ethnicity.name if person.ethnicity_id else "",
            "unit_code": person.unit.code if person.unit_id else "",
            "position_title": person.position_title,
            "position_level": None,
            "position_start": None,
            "email": person.email,
            "phone": person.phone,
        }
