"""The bulk adapter: records in the database become the engine's plain histories, in a fixed number of queries;
a collective's figures are computed from its people, and its history follows it through a merger."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.awards.adapter import (
    MemberFigures,
    collective_histories,
    collective_years,
    member_figures,
    person_histories,
    predecessor_map,
)
from thidua.awards.engine import Discipline, Honour, Initiative
from thidua.awards.terms import HonourType, Rating, Scope
from thidua.org import services as org
from thidua.org.enums import Gender, UnitType
from thidua.org.models import Person
from thidua.org.queries import lineage_predecessors
from thidua.records import services

pytestmark = pytest.mark.django_db
D = datetime.date


def test_person_history_carries_ratings_honours_initiatives_discipline_and_review(bk_tinh_candidate, school):
    teacher = school["teacher"]
    services.revoke_honour(bk_tinh_candidate[2023], actor=None, reason="Sai")
    services.record_honour(actor=None, person=teacher, year=2024, code="BK_TINH", honour_type="dot_xuat")
    used = services.add_initiative(teacher, actor=None, title="Đã dùng", scope="co_so", year=2023)
    services.use_initiative(used, actor=None, honour=bk_tinh_candidate[2024])
    free = services.add_initiative(teacher, actor=None, title="Còn dùng được", scope="tinh", year=2024)
    services.add_discipline(teacher, actor=None, form="khien_trach", start=D(2022, 3, 1), end=D(2023, 2, 28))
    services.open_review(teacher, actor=None, kind="khieu_nai", opened=D(2025, 1, 2))

    history = person_histories([teacher.pk], 2024)[teacher.pk]

    assert history.id == str(teacher.pk)
    assert {year: record.rating for year, record in history.years.items()} == {
        2022: Rating.HTT,
        2023: Rating.HTXS,
        2024: Rating.HTXS,
    }
    assert set(history.years[2023].titles) == {Honour("CSTDCS", revoked=True), Honour("LDTT")}
    assert set(history.years[2024].titles) == {Honour("CSTDCS"), Honour("LDTT")}
    assert history.years[2024].awards == (Honour("BK_TINH", type=HonourType.DOT_XUAT),)
    assert history.initiatives == (
        Initiative(f"SK-{used.pk}", Scope.CO_SO, 2023, True, ""),
        Initiative(f"SK-{free.pk}", Scope.TINH, 2024, False, ""),
    )
    assert history.discipline == (Discipline("khien_trach", D(2022, 3, 1), D(2023, 2, 28)),)
    assert history.under_review is True
    assert history.service_months == 9 * 12 + 4  # from 01/09/2015 to 31/12/2024


def test_details_keep_the_decision_and_the_issuer(bk_tinh_candidate, school):
    history = person_histories([school["teacher"].pk], 2024, details=True)[school["teacher"].pk]
    cstdcs = next(h for h in history.years[2023].titles if h.code == "CSTDCS")
    assert (cstdcs.decision_number, cstdcs.decision_date, cstdcs.issuer) == (
        "12023/QĐ-SGDĐT",
        D(2024, 1, 10),
        "Giám đốc Sở Giáo dục và Đào tạo",
    )


def test_service_starts_at_the_first_rated_year_when_no_earlier_position_is_known(school):
    newcomer = org.create_person(actor=None, full_name="Giàng A Páo", gender=Gender.MALE, unit=school["sgd"])
    services.set_rating(newcomer, actor=None, year=2023, rating="HTT")
    assert person_histories([newcomer.pk], 2024)[newcomer.pk].service_months == 24


def test_service_is_unknown_when_the_only_position_starts_after_the_year(school):
    newcomer = org.create_person(
        actor=None,
        full_name="Giàng A Páo",
        gender=Gender.MALE,
        unit=school["sgd"],
        position_start=D(2026, 1, 5),
    )
    assert person_histories([newcomer.pk], 2024)[newcomer.pk].service_months is None


def test_reading_a_subtree_costs_the_same_queries_for_one_or_three_people(bk_tinh_candidate, school):
    def count():
        with CaptureQueriesContext(connection) as captured:
            person_histories(Person.objects.filter(unit=school["sgd"]), 2024)
        return len(captured)

    one = count()
    for name in ("Giàng A Páo", "Tao Thị Xuân"):
        person = org.create_person(actor=None, full_name=name, gender=Gender.MALE, unit=school["sgd"])
        services.set_rating(person, actor=None, year=2024, rating="HTT")
        services.record_honour(actor=None, person=person, year=2024, code="LDTT")
        services.add_initiative(person, actor=None, title="SK", scope="co_so", year=2024)
    assert count() == one == 7


def test_collective_figures_are_counted_from_the_people_rated_in_the_unit(bk_tinh_candidate, school):
    services.set_rating(school["colleague"], actor=None, year=2024, rating="HT")
    services.add_discipline(school["colleague"], actor=None, form="canh_cao", start=D(2024, 6, 1))
    services.record_collective_year(school["sgd"], actor=None, year=2024, rating="HTXS", block_rank=2)
    year = collective_histories([school["sgd"]], 2024)[school["sgd"].pk].years[2024]
    assert (year.rating, year.members, year.members_ldtt, year.members_completed) == (Rating.HTXS, 2, 1, 2)
    assert (year.members_cstdcs, year.members_disciplined, year.block_rank) == (1, 1, 2)


def test_member_figures_count_each_person_once(school):
    teacher, colleague = school["teacher"], school["colleague"]
    third = org.create_person(actor=None, full_name="Giàng A Páo", gender=Gender.MALE, unit=school["sgd"])
    for person, rating in [(teacher, "HTXS"), (colleague, "HT"), (third, "KHT")]:
        services.set_rating(person, actor=None, year=2024, rating=rating)
    # The teacher's LĐTT entered twice (two decision numbers), and her CSTĐCS.
    for number in ("5/QĐ-SGDĐT", "5/QĐ-SGDĐT (bản sao)"):
        services.record_honour(actor=None, person=teacher, year=2024, code="LDTT", decision_number=number)
    services.record_honour(actor=None, person=teacher, year=2024, code="CSTDCS")
    services.record_honour(actor=None, person=colleague, year=2024, code="LDTT")
    # The colleague disciplined twice at cảnh cáo or above in 2024.
    services.add_discipline(colleague, actor=None, form="canh_cao", start=D(2024, 2, 1), end=D(2024, 8, 1))
    services.add_discipline(colleague, actor=None, form="ha_bac_luong", start=D(2024, 9, 1))

    with CaptureQueriesContext(connection) as captured:
        figures = member_figures([school["sgd"].pk], [2024])

    assert figures == {
        (school["sgd"].pk, 2024): MemberFigures(members=3, ldtt=2, completed=2, cstdcs=1, disciplined=1)
    }
    assert len(captured) == 3
    # The second serious discipline still runs in 2025: counted there once too.
    services.set_rating(colleague, actor=None, year=2025, rating="HT")
    assert member_figures([school["sgd"].pk])[(school["sgd"].pk, 2025)] == MemberFigures(
        members=1, ldtt=0, completed=1, cstdcs=0, disciplined=1
    )


def test_a_reprimand_does_not_count_as_a_disciplined_member(bk_tinh_candidate, school):
    services.add_discipline(school["teacher"], actor=None, form="khien_trach", start=D(2024, 6, 1))
    year = collective_histories([school["sgd"]], 2024)[school["sgd"].pk].years[2024]
    assert year.members_disciplined == 0


def test_figures_entered_on_the_collective_record_win_over_the_computed_ones(bk_tinh_candidate, school):
    services.record_collective_year(
        school["sgd"], actor=None, year=2024, rating="HTXS", members=40, members_ldtt=30, members_cstdcs=3
    )
    view = collective_years([school["sgd"]], [2024])[school["sgd"].pk][2024]
    assert (view.figure("members"), view.figure("members_ldtt"), view.figure("members_cstdcs")) == (40, 30, 3)
    assert (view.figure("members_completed"), view.is_computed("members_completed")) == (1, True)
    assert view.is_computed("members") is False


@pytest.fixture
def merged(school, new_unit):
    """Two old communes merged into a new one on 01/07/2025; the larger carries TTLĐTT 2023–2024."""
    make_unit = new_unit
    district = make_unit("HPT", "Huyện Phong Thổ", UnitType.DISTRICT, school["root"])
    old = make_unit("HPT.KHONGLAO", "Xã Khổng Lào (cũ)", UnitType.COMMUNE, district)
    small = make_unit("HPT.HOANGTHEN", "Xã Hoang Thèn (cũ)", UnitType.COMMUNE, district)
    new = make_unit(
        "X.KHONGLAO", "Xã Khổng Lào", UnitType.COMMUNE, school["root"], effective_from=D(2025, 7, 1)
    )
    for year in (2023, 2024):
        services.record_collective_year(old, actor=None, year=year, rating="HTT", members=9)
        services.record_honour(
            actor=None, unit=old, year=year, code="TTLDTT", issuer="Chủ tịch UBND huyện Phong Thổ"
        )
        services.record_collective_year(small, actor=None, year=year, rating="HT", members=6)
    org.merge_units([old, small], into=new, actor=None, date=D(2025, 7, 1))
    services.record_collective_year(new, actor=None, year=2025, rating="HTXS", members=15)
    return {"old": old, "small": small, "new": new}


def test_a_merged_collective_carries_on_its_largest_predecessors_record(merged):
    views = collective_years([merged["new"]])[merged["new"].pk]
    assert {year: (view.source.code, view.rating) for year, view in views.items()} == {
        2023: ("HPT.KHONGLAO", Rating.HTT),
        2024: ("HPT.KHONGLAO", Rating.HTT),
        2025: ("X.KHONGLAO", Rating.HTXS),
    }
    history = collective_histories([merged["new"]])[merged["new"].pk]
    assert history.years[2024].titles == (Honour("TTLDTT", issuer="Chủ tịch UBND huyện Phong Thổ"),)


def test_the_bulk_predecessor_map_agrees_with_the_organisation_lineage(merged, school):
    units = [merged["new"], merged["old"], school["sgd"]]
    expected = {unit.pk: sorted(p.pk for p in lineage_predecessors(unit)) for unit in units}
    assert predecessor_map(unit.pk for unit in units) == expected
    assert expected[merged["new"].pk] == sorted([merged["old"].pk, merged["small"].pk])
