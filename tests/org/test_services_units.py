"""Units: creation with tree paths and search columns, validation in Vietnamese, updates that move subtrees."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.core.audit import history_for
from thidua.core.vietnamese import sort_key
from thidua.org import services
from thidua.org.enums import UnitType
from thidua.org.models import Unit
from thidua.org.queries import ancestors, subtree, unit_tree


def codes(units) -> list[str]:
    return [unit.code for unit in units]


def test_create_unit_sets_path_depth_and_search_columns(province_tree):
    root, sgddt, school = province_tree.root, province_tree.sgddt, province_tree.school

    assert [(u.path, u.depth) for u in (root, sgddt, school)] == [
        (f"/{root.pk}/", 0),
        (f"/{root.pk}/{sgddt.pk}/", 1),
        (f"/{root.pk}/{sgddt.pk}/{school.pk}/", 2),
    ]
    assert sgddt.name_folded == "so gd&dt so giao duc va dao tao sgddt"
    assert sgddt.name_sort == sort_key("Sở Giáo dục và Đào tạo")
    assert Unit.objects.get(pk=school.pk).path == school.path


def test_create_unit_strips_text_and_records_audit(province_tree, officer):
    unit = services.create_unit(
        actor=officer,
        code=" SNV ",
        short_name=" Sở Nội vụ ",
        full_name="  Sở Nội vụ tỉnh Lai Châu ",
        unit_type=UnitType.DEPARTMENT,
        parent=province_tree.root,
        effective_from=datetime.date(2008, 1, 1),
    )

    assert (unit.code, unit.short_name, unit.full_name, unit.version) == (
        "SNV",
        "Sở Nội vụ",
        "Sở Nội vụ tỉnh Lai Châu",
        1,
    )
    entry = history_for(unit).get()
    assert (entry.action, entry.summary, entry.before) == (
        "org.unit.create",
        "Tạo đơn vị Sở Nội vụ tỉnh Lai Châu",
        None,
    )
    assert entry.after == {
        "code": "SNV",
        "short_name": "Sở Nội vụ",
        "full_name": "Sở Nội vụ tỉnh Lai Châu",
        "unit_type": "so_nganh",
        "parent_id": province_tree.root.pk,
        "order": 0,
        "effective_from": "2008-01-01",
        "effective_to": None,
        "place_name": "",
    }


@pytest.mark.parametrize(
    ("changes", "errors"),
    [
        ({"code": "SYT"}, {"code": ["Đơn vị có Mã đơn vị đã tồn tại."]}),
        ({"code": "SỞ TƯ PHÁP"}, {"code": ["Mã đơn vị chỉ gồm chữ không dấu, chữ số và các dấu . _ -"]}),
        ({"full_name": "  "}, {"full_name": ["Trường này không được để trắng."]}),
        (
            {"effective_from": datetime.date(2025, 7, 1), "effective_to": datetime.date(2025, 6, 30)},
            {"__all__": ["Ngày hết hiệu lực không được trước ngày bắt đầu hiệu lực."]},
        ),
    ],
)
def test_create_unit_refuses_invalid_values_in_vietnamese(province_tree, changes, errors):
    arguments = {
        "actor": None,
        "code": "STP",
        "short_name": "Sở Tư pháp",
        "full_name": "Sở Tư pháp",
        "unit_type": UnitType.DEPARTMENT,
        "parent": province_tree.root,
    } | changes
    count = Unit.objects.count()

    with pytest.raises(ValidationError) as caught:
        services.create_unit(**arguments)

    assert caught.value.message_dict == errors
    assert Unit.objects.count() == count


def test_update_unit_changes_fields_and_records_before_and_after(province_tree, officer):
    unit = services.update_unit(province_tree.syt, actor=officer, short_name=" SYT ", order=25)

    assert (unit.short_name, unit.order, unit.version, unit.name_folded) == (
        "SYT",
        25,
        2,
        "syt so y te syt",
    )
    entry = history_for(unit).first()
    # PostgreSQL's jsonb keeps keys in its own order, so compare the changes sorted by field.
    assert sorted(entry.changes) == [("order", 20, 25), ("short_name", "Sở Y tế", "SYT")]


def test_update_unit_without_changes_still_audits_the_save(province_tree, officer):
    services.update_unit(province_tree.syt, actor=officer)
    assert history_for(province_tree.syt).first().summary == "Lưu đơn vị Sở Y tế, không có thay đổi"


def test_update_unit_new_parent_rewrites_the_subtree_paths(province_tree, officer):
    root, sgddt, district = province_tree.root, province_tree.sgddt, province_tree.district

    services.update_unit(sgddt, actor=officer, parent=district)

    school = Unit.objects.get(pk=province_tree.school.pk)
    sgddt = Unit.objects.get(pk=sgddt.pk)
    assert (sgddt.path, sgddt.depth) == (f"/{root.pk}/{district.pk}/{sgddt.pk}/", 2)
    assert (school.path, school.depth) == (f"/{root.pk}/{district.pk}/{sgddt.pk}/{school.pk}/", 3)
    # Siblings follow the id text in the path, so compare the subtree as a sorted list.
    assert sorted(codes(subtree(district))) == ["BANBO", "BINHLU", "SGDDT", "TAMDUONG", "THPTCLQD"]
    assert codes(subtree(sgddt)) == ["SGDDT", "THPTCLQD"]


@pytest.mark.parametrize("new_parent", ["sgddt", "school"])
def test_update_unit_refuses_itself_or_a_descendant_as_parent(province_tree, officer, new_parent):
    with pytest.raises(ValidationError) as caught:
        services.update_unit(province_tree.sgddt, actor=officer, parent=getattr(province_tree, new_parent))

    assert caught.value.message_dict == {
        "parent": ["Đơn vị cấp trên không thể là chính đơn vị này hoặc đơn vị trực thuộc nó."]
    }
    assert Unit.objects.get(pk=province_tree.sgddt.pk).parent_id == province_tree.root.pk


def test_update_unit_refuses_unknown_fields(province_tree, officer):
    with pytest.raises(TypeError, match="update_unit\\(\\) got an unexpected field 'path'"):
        services.update_unit(province_tree.sgddt, actor=officer, path="/1/")


def test_subtree_ancestors_and_tree_order(province_tree):
    assert codes(subtree(province_tree.sgddt)) == ["SGDDT", "THPTCLQD"]
    assert codes(ancestors(province_tree.commune_b)) == ["UBND", "TAMDUONG"]
    assert codes(ancestors(province_tree.root)) == []
    assert [(unit.code, depth) for unit, depth in unit_tree(Unit.objects.all())] == [
        ("UBND", 0),
        ("SGDDT", 1),
        ("THPTCLQD", 2),
        ("SYT", 1),
        ("TAMDUONG", 1),
        ("BINHLU", 2),
        ("BANBO", 2),
    ]


def test_unit_is_active_on_its_effective_dates(province_tree):
    unit = services.update_unit(
        province_tree.syt,
        actor=None,
        effective_from=datetime.date(2008, 1, 1),
        effective_to=datetime.date(2025, 6, 30),
    )
    days = [
        datetime.date(2007, 12, 31),
        datetime.date(2008, 1, 1),
        datetime.date(2025, 6, 30),
        datetime.date(2025, 7, 1),
    ]
    assert [unit.is_active_on(day) for day in days] == [False, True, True, False]
    assert unit.is_active is False
