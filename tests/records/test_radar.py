"""The eligibility radar and a person's verdicts, read from the records in the database."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.awards.queries import radar
from thidua.org import services as org
from thidua.org.enums import Gender
from thidua.records import services

pytestmark = pytest.mark.django_db


def awards_of(rows):
    return sorted((row.subject.full_name, row.verdict.award) for row in rows)


def test_radar_lists_the_bang_khen_candidate_with_reasons(school, bk_tinh_candidate):
    result = radar(school["accounts"]["canbo"], school["sgd"], 2024)
    assert result.ruleset == "luat-06-2022_nd-98-2023"
    assert awards_of(result.eligible) == [
        ("Lò Thị Ánh", "BK_TINH"),
        ("Lò Thị Ánh", "CSTDCS"),
        ("Lò Thị Ánh", "LDTT"),
    ]
    bk = next(row for row in result.eligible if row.verdict.award == "BK_TINH")
    assert bk.award_name == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    assert [c.rule for c in bk.verdict.criteria if c.met and c.route == "a"][:2] == [
        "title:CSTDCS",
        "title:CSTDCS",
    ]


def test_revoking_the_2023_cstdcs_makes_the_bang_khen_ineligible(school, bk_tinh_candidate):
    services.revoke_honour(bk_tinh_candidate[2023], actor=None, reason="Thu hồi theo Quyết định 15/QĐ-UBND")
    result = radar(school["accounts"]["canbo"], school["sgd"], 2024)
    assert awards_of(result.eligible) == [("Lò Thị Ánh", "CSTDCS"), ("Lò Thị Ánh", "LDTT")]
    soon = [row for row in result.soon if row.verdict.award == "BK_TINH"]
    assert [row.subject.full_name for row in soon] == ["Lò Thị Ánh"]


def test_discipline_in_force_or_an_open_review_removes_every_award(school, bk_tinh_candidate):
    services.open_review(school["teacher"], actor=None, kind="thanh_tra", opened=datetime.date(2025, 1, 5))
    assert radar(school["accounts"]["canbo"], school["sgd"], 2024).eligible == []


def test_a_year_before_the_2022_law_has_no_rule_set(school, bk_tinh_candidate):
    result = radar(school["accounts"]["canbo"], school["sgd"], 2023)
    assert result.no_ruleset is True
    assert result.eligible == []


def test_the_outsider_sees_nobody_of_another_department(school, bk_tinh_candidate):
    result = radar(school["accounts"]["ngoai"], school["root"], 2024)
    assert result.eligible == []


def test_radar_reads_in_bulk_three_people_cost_what_one_does(school, bk_tinh_candidate):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            radar(school["accounts"]["canbo"], school["sgd"], 2024)
        return len(captured)

    queries()  # the first call also works out the officer's scope, which is then cached on the user
    one = queries()
    for name in ("Giàng A Páo", "Tao Thị Xuân"):
        person = org.create_person(actor=None, full_name=name, gender=Gender.MALE, unit=school["sgd"])
        services.set_rating(person, actor=None, year=2024, rating="HTT")
        services.record_honour(actor=None, person=person, year=2023, code="LDTT")
    assert queries() == one


def test_radar_page_and_its_excel_export(school, bk_tinh_candidate):
    client = Client()
    client.force_login(school["accounts"]["canbo"])
    params = {"unit": school["sgd"].pk, "year": 2024, "award": "BK_TINH"}
    html = client.get(reverse("awards:radar"), params).content.decode()
    assert "Lò Thị Ánh" in html
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in html
    export = client.get(reverse("awards:radar"), {**params, "xuat": "xlsx"})
    assert export["Content-Disposition"] == 'attachment; filename="xet-dieu-kien-2024.xlsx"'


def test_history_page_permissions(school, bk_tinh_candidate):
    url = reverse("records:person_history", args=[school["teacher"].pk])
    statuses = {}
    for name, user in school["accounts"].items():
        client = Client()
        client.force_login(user)
        statuses[name] = client.get(url).status_code
    assert statuses == {"canbo": 200, "vanthu": 200, "ngoai": 403}
    assert Client().get(url).status_code == 302


def test_revoke_form_is_refused_to_the_outsider(school, bk_tinh_candidate):
    honour = bk_tinh_candidate[2023]
    client = Client()
    client.force_login(school["accounts"]["ngoai"])
    response = client.post(
        reverse("records:honour_revoke", args=[honour.pk]), {"reason": "x", "version": honour.version}
    )
    honour.refresh_from_db()
    assert (response.status_code, honour.revoked) == (403, False)
