"""Lineage: renames, mergers, splits, moves and dissolutions, with their dates, followed both ways."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.core.audit import history_for
from thidua.org import services
from thidua.org.enums import Gender, Role, UnitEventKind, UnitType
from thidua.org.models import Employment, Person, RoleGrant, Unit
from thidua.org.queries import lineage_predecessors, lineage_successors, unit_lineage

REFORM = datetime.date(2025, 7, 1)
EVE = datetime.date(2025, 6, 30)


def steps(unit) -> list[tuple]:
    return [
        (step.event.kind, step.event.date, [u.code for u in step.before], [u.code for u in step.after])
        for step in unit_lineage(unit)
    ]


def fresh(unit) -> Unit:
    return Unit.objects.get(pk=unit.pk)


def new_unit(code, name, parent, unit_type=UnitType.COMMUNE) -> Unit:
    return services.create_unit(
        actor=None, code=code, short_name=name, full_name=name, unit_type=unit_type, parent=parent
    )


def test_rename_unit_keeps_identity_and_records_old_and_new_names(province_tree, officer):
    event = services.rename_unit(
        province_tree.syt,
        actor=officer,
        date=datetime.date(2020, 1, 1),
        full_name="Sở Y tế tỉnh Lai Châu",
        decision="123/QĐ-UBND",
    )

    unit = fresh(province_tree.syt)
    assert (unit.full_name, unit.short_name, unit.version) == ("Sở Y tế tỉnh Lai Châu", "Sở Y tế", 2)
    assert unit.name_folded == "so y te so y te tinh lai chau syt"
    assert (event.kind, event.old_name, event.new_name, event.decision) == (
        UnitEventKind.RENAMED,
        "Sở Y tế",
        "Sở Y tế tỉnh Lai Châu",
        "123/QĐ-UBND",
    )
    assert steps(unit) == [(UnitEventKind.RENAMED, datetime.date(2020, 1, 1), ["SYT"], ["SYT"])]
    assert (
        history_for(unit).first().summary == "Đổi tên Sở Y tế thành Sở Y tế tỉnh Lai Châu từ ngày 01/01/2020"
    )


def test_rename_unit_refuses_an_empty_name(province_tree, officer):
    with pytest.raises(ValidationError) as caught:
        services.rename_unit(province_tree.syt, actor=officer, date=REFORM, full_name=" ")
    assert caught.value.message_dict == {"full_name": ["Hãy nhập tên mới của đơn vị."]}


def test_merge_units_closes_sources_moves_people_and_ends_grants(
    province_tree, officer, person_factory, user_factory
):
    a, b = province_tree.commune_a, province_tree.commune_b
    person = person_factory(
        full_name="Lò Văn Tiến", gender=Gender.MALE, unit=a, position_title="Chủ tịch UBND xã"
    )
    clerk = user_factory(username="vanthu.binhlu", roles=[(a, Role.CLERK, False)])

    event = services.merge_units([a], into=b, actor=officer, date=REFORM, decision="1670/NQ-UBTVQH15")

    assert (event.kind, event.date, event.decision) == (UnitEventKind.MERGED, REFORM, "1670/NQ-UBTVQH15")
    assert (fresh(a).effective_to, fresh(b).effective_to) == (EVE, None)
    assert RoleGrant.objects.get(user=clerk).valid_to == EVE
    assert [
        (e.unit.code, e.position_title, e.start_date, e.end_date)
        for e in Employment.objects.filter(person=person).order_by("start_date")
    ] == [
        ("BINHLU", "Chủ tịch UBND xã", datetime.date(2020, 1, 1), EVE),
        ("BANBO", "Chủ tịch UBND xã", REFORM, None),
    ]
    assert Person.objects.get(pk=person.pk).unit_id == b.pk
    assert steps(a) == steps(b) == [(UnitEventKind.MERGED, REFORM, ["BINHLU"], ["BANBO"])]
    assert [u.code for u in lineage_predecessors(b)] == ["BINHLU"]
    assert [u.code for u in lineage_successors(a)] == ["BANBO"]
    assert (lineage_predecessors(a), lineage_successors(b)) == ([], [])
    assert [e.action for e in history_for(a)] == ["org.unit.close", "org.unit.create"]
    assert history_for(a).first().summary == (
        "Đơn vị Ủy ban nhân dân xã Bình Lư chấm dứt hoạt động từ 01/07/2025 (Sáp nhập, hợp nhất)"
    )


def test_merge_units_without_moving_people_keeps_them(province_tree, officer, person_factory):
    a, b = province_tree.commune_a, province_tree.commune_b
    person = person_factory(unit=a)

    services.merge_units([a], into=b, actor=officer, date=REFORM, move_people=False)

    assert Person.objects.get(pk=person.pk).unit_id == a.pk
    assert Employment.objects.get(person=person).end_date is None


def test_merge_units_refuses_no_source_and_closed_sources(province_tree, officer):
    a, b = province_tree.commune_a, province_tree.commune_b
    with pytest.raises(ValidationError) as caught:
        services.merge_units([b], into=b, actor=officer, date=REFORM)
    assert caught.value.messages == ["Hãy chọn ít nhất một đơn vị được sáp nhập, khác đơn vị tiếp nhận."]

    services.merge_units([a], into=b, actor=officer, date=datetime.date(2020, 1, 1))
    with pytest.raises(ValidationError) as caught:
        services.merge_units([fresh(a)], into=b, actor=officer, date=REFORM)
    assert caught.value.messages == [
        "Đơn vị đã chấm dứt hoạt động trước ngày sáp nhập: Ủy ban nhân dân xã Bình Lư"
    ]


def test_split_unit_closes_the_source_and_links_every_successor(province_tree, officer):
    district = province_tree.district
    east = new_unit("DONG", "Khu Đông", province_tree.root, UnitType.DISTRICT)
    west = new_unit("TAY", "Khu Tây", province_tree.root, UnitType.DISTRICT)

    event = services.split_unit(district, into=[east, west], actor=officer, date=REFORM)

    assert (event.kind, fresh(district).effective_to) == (UnitEventKind.SPLIT, EVE)
    assert steps(district) == [(UnitEventKind.SPLIT, REFORM, ["TAMDUONG"], ["DONG", "TAY"])]
    assert [u.code for u in lineage_successors(district)] == ["DONG", "TAY"]
    assert [u.code for u in lineage_predecessors(west)] == ["TAMDUONG"]
    assert history_for(district).first().summary == (
        "Chia tách Ủy ban nhân dân huyện Tam Đường thành Khu Đông, Khu Tây từ ngày 01/07/2025"
    )


def test_split_unit_can_keep_the_source_open(province_tree, officer):
    part = new_unit("TACH", "Đơn vị tách ra", province_tree.root)
    services.split_unit(province_tree.syt, into=[part], actor=officer, date=REFORM, close_source=False)
    assert fresh(province_tree.syt).effective_to is None
    with pytest.raises(ValidationError) as caught:
        services.split_unit(province_tree.syt, into=[province_tree.syt], actor=officer, date=REFORM)
    assert caught.value.messages == ["Hãy chọn ít nhất một đơn vị được tách ra."]


def test_move_unit_records_old_and_new_parent_and_moves_the_subtree(province_tree, officer):
    root, sgddt, district = province_tree.root, province_tree.sgddt, province_tree.district

    event = services.move_unit(sgddt, new_parent=district, actor=officer, date=REFORM)

    assert (event.kind, event.old_name, event.new_name) == (
        UnitEventKind.MOVED,
        "Ủy ban nhân dân tỉnh Lai Châu",
        "Ủy ban nhân dân huyện Tam Đường",
    )
    assert (
        fresh(province_tree.school).path == f"/{root.pk}/{district.pk}/{sgddt.pk}/{province_tree.school.pk}/"
    )
    assert steps(sgddt) == [(UnitEventKind.MOVED, REFORM, ["SGDDT"], ["SGDDT"])]
    with pytest.raises(ValidationError):
        services.move_unit(
            fresh(district), new_parent=fresh(province_tree.school), actor=officer, date=REFORM
        )


def test_dissolve_unit_refuses_while_a_child_is_open(province_tree, officer):
    # Bình Lư closes the day before the reform, so only Bản Bo still blocks the dissolution.
    services.merge_units([province_tree.commune_a], into=province_tree.commune_b, actor=officer, date=REFORM)

    with pytest.raises(ValidationError) as caught:
        services.dissolve_unit(province_tree.district, actor=officer, date=REFORM)

    assert caught.value.messages == [
        "Còn đơn vị trực thuộc đang hoạt động (Ủy ban nhân dân xã Bản Bo): "
        "hãy chuyển hoặc sáp nhập chúng trước khi giải thể."
    ]
    assert fresh(province_tree.district).effective_to is None


def test_reform_of_2025_communes_merged_into_a_new_commune_and_the_district_dissolved(province_tree, officer):
    root, district = province_tree.root, province_tree.district
    a, b = province_tree.commune_a, province_tree.commune_b
    merged = new_unit("XA_TAMDUONG", "Xã Tam Đường", root)

    services.merge_units([a, b], into=merged, actor=officer, date=REFORM)
    services.dissolve_unit(district, actor=officer, date=REFORM, decision="1670/NQ-UBTVQH15")

    assert [
        (u.code, u.effective_to) for u in Unit.objects.filter(pk__in=[a.pk, b.pk, district.pk, merged.pk])
    ] == [
        ("TAMDUONG", EVE),
        ("BINHLU", EVE),
        ("BANBO", EVE),
        ("XA_TAMDUONG", None),
    ]
    assert steps(district) == [(UnitEventKind.DISSOLVED, REFORM, ["TAMDUONG"], [])]
    assert steps(merged) == [(UnitEventKind.MERGED, REFORM, ["BINHLU", "BANBO"], ["XA_TAMDUONG"])]
    assert [u.code for u in lineage_predecessors(merged)] == ["BANBO", "BINHLU"]  # by Vietnamese name order


def test_lineage_follows_two_steps_both_ways(province_tree, officer):
    a, b = province_tree.commune_a, province_tree.commune_b
    services.rename_unit(a, actor=officer, date=datetime.date(2015, 1, 1), full_name="Xã Bình Lư (cũ)")
    services.merge_units([a], into=b, actor=officer, date=datetime.date(2019, 1, 1))
    c = new_unit("XA_MOI", "Xã Mới", province_tree.root)
    services.merge_units([fresh(b)], into=c, actor=officer, date=REFORM)
    services.rename_unit(c, actor=officer, date=datetime.date(2025, 9, 1), full_name="Xã Bình Lư mới")

    expected = [
        (UnitEventKind.RENAMED, datetime.date(2015, 1, 1), ["BINHLU"], ["BINHLU"]),
        (UnitEventKind.MERGED, datetime.date(2019, 1, 1), ["BINHLU"], ["BANBO"]),
        (UnitEventKind.MERGED, REFORM, ["BANBO"], ["XA_MOI"]),
        (UnitEventKind.RENAMED, datetime.date(2025, 9, 1), ["XA_MOI"], ["XA_MOI"]),
    ]
    assert steps(a) == steps(b) == steps(c) == expected
    assert [u.code for u in lineage_successors(a)] == ["BANBO", "XA_MOI"]
    # by Vietnamese name order: "Ủy ban nhân dân xã Bản Bo" < "Xã Bình Lư (cũ)"
    assert [u.code for u in lineage_predecessors(fresh(c))] == ["BANBO", "BINHLU"]
    assert steps(province_tree.syt) == []
