"""The records demo: the radar for 2025 shows real candidates for every award code, one of them a collective
that went through the July 2025 reorganisation and carries on its old commune's history."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from thidua.awards.adapter import collective_years
from thidua.awards.queries import radar
from thidua.org.models import Unit, User
from thidua.records.models import Discipline, Honour, Initiative, PersonYear, ReviewFlag

pytestmark = pytest.mark.django_db

EVALUATED = [
    "LDTT",
    "CSTDCS",
    "CSTD_TINH",
    "CSTD_TQ",
    "TTLDTT",
    "TTLDXS",
    "CO_TINH",
    "BK_TINH",
    "BK_TTG",
    "HCLD3",
]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        call_command("load_demo", "--if-empty", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def radar_2025(loaded, django_db_blocker):
    with django_db_blocker.unblock():
        officer = User.objects.get(username="canbotdkt")
        root = Unit.objects.get(code="UBND")
        result = radar(officer, root, 2025)
        rows = {(str(row.subject), row.verdict.award) for row in result.eligible}
        soon = {(str(row.subject), row.verdict.award) for row in result.soon}
        manual = {
            code: [str(row.subject) for row in radar(officer, root, 2025, award=code).manual]
            for code in ("CO_CP", "GIAY_KHEN")
        }
        return result, rows, soon, manual


def test_every_evaluated_award_has_a_candidate_in_2025(radar_2025):
    _result, rows, _soon, _manual = radar_2025
    assert sorted({award for _subject, award in rows}) == sorted(EVALUATED)


def test_the_awards_without_automatic_criteria_list_candidates_for_the_council(radar_2025):
    *_, manual = radar_2025
    assert "Sở Giáo dục và Đào tạo tỉnh Lai Châu" in manual["CO_CP"]
    assert len(manual["GIAY_KHEN"]) > 30


def test_the_merged_commune_is_a_candidate_and_carries_on_its_old_record(radar_2025, django_db_blocker):
    _result, rows, _soon, _manual = radar_2025
    assert ("Ủy ban nhân dân xã Khổng Lào", "TTLDTT") in rows
    with django_db_blocker.unblock():
        commune = Unit.objects.get(code="X.KHONGLAO")
        views = collective_years([commune])[commune.pk]
        sources = {year: view.source.code for year, view in views.items()}
        titles = [h.issuer for h in views[2023].honours]
    assert sources == {
        2021: "HPT.KHONGLAO",
        2022: "HPT.KHONGLAO",
        2023: "HPT.KHONGLAO",
        2024: "HPT.KHONGLAO",
        2025: "X.KHONGLAO",
    }
    assert titles == ["Chủ tịch UBND huyện Phong Thổ"]


def test_someone_is_one_year_away_from_bang_khen(radar_2025):
    _result, _rows, soon, _manual = radar_2025
    assert any(award == "BK_TINH" for _subject, award in soon)


def test_the_demo_has_histories_from_2019_a_revocation_discipline_and_a_review(loaded, django_db_blocker):
    with django_db_blocker.unblock():
        years = sorted(set(PersonYear.objects.values_list("year", flat=True)))
        assert years == list(range(2019, 2026))
        assert Honour.objects.filter(revoked=True).count() == 2
        assert Honour.objects.filter(honour_type="dot_xuat").count() == 1
        assert Initiative.objects.filter(used_for__isnull=False).count() == 1
        assert sorted(Discipline.objects.values_list("form", flat=True)) == ["canh_cao", "khien_trach"]
        assert ReviewFlag.objects.filter(closed__isnull=True).count() == 1
