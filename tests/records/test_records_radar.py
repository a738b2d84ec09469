"""The eligibility radar and a person's verdicts, read from the records in the database."""

import datetime
import io

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from thidua.awards import services as award_services
from thidua.awards.models import RuleSetRecord
from thidua.awards.queries import radar
from thidua.org import services as org
from thidua.org.enums import Gender
from thidua.records import services

pytestmark = pytest.mark.django_db
D = datetime.date


def awards_of(rows):
    return sorted((str(row.subject), row.verdict.award) for row in rows)


def test_radar_lists_the_bang_khen_candidate_with_reasons(school, bk_tinh_candidate):
    result = radar(school["accounts"]["canbo"], school["sgd"], 2024, money_date=D(2025, 1, 20))
    assert result.ruleset.id == "luat-06-2022_nd-98-2023"
    assert awards_of(result.eligible) == [
        ("Lò Thị Ánh", "BK_TINH"),
        ("Lò Thị Ánh", "CSTDCS"),
        ("Lò Thị Ánh", "LDTT"),
    ]
    bk = next(row for row in result.eligible if row.verdict.award == "BK_TINH")
    assert bk.award_name == "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    assert bk.verdict.route == "a"
    assert bk.reasons == [
        "Không trong thời gian bị xem xét kỷ luật, điều tra, thanh tra, kiểm tra hoặc xác minh khiếu nại, tố cáo.",
        "Năm 2023: không có kỷ luật có hiệu lực.",
        "Năm 2024: không có kỷ luật có hiệu lực.",
        "Năm 2023: đã được tặng Chiến sĩ thi đua cơ sở.",
        "Năm 2024: đã được tặng Chiến sĩ thi đua cơ sở.",
    ]
    # 1,5 × 2.340.000 đồng, the base salary in force on 20/01/2025 (Decree 98/2023 multiplier).
    assert (bk.money.multiplier, bk.money.base_salary, bk.money.amount) == (1, 2340000, 2340000)


def test_revoking_the_2023_cstdcs_makes_the_bang_khen_ineligible_and_one_year_away(school, bk_tinh_candidate):
    services.revoke_honour(bk_tinh_candidate[2023], actor=None, reason="Thu hồi theo Quyết định 15/QĐ-UBND")
    result = radar(school["accounts"]["canbo"], school["sgd"], 2024)
    assert awards_of(result.eligible) == [("Lò Thị Ánh", "CSTDCS"), ("Lò Thị Ánh", "LDTT")]
    soon = [row for row in result.soon if row.verdict.award == "BK_TINH"]
    assert [row.subject.full_name for row in soon] == ["Lò Thị Ánh"]
    assert "Năm 2023: Chiến sĩ thi đua cơ sở năm 2023 đã bị hủy bỏ, không được tính." in [
        c.text for c in soon[0].verdict.unmet
    ]
    assert soon[0].outlook.year == 2025


def test_an_open_review_removes_every_award(school, bk_tinh_candidate):
    services.open_review(school["teacher"], actor=None, kind="thanh_tra", opened=D(2025, 1, 5))
    assert list(radar(school["accounts"]["canbo"], school["sgd"], 2024).eligible) == []


def test_a_discipline_in_force_removes_the_year(school, bk_tinh_candidate):
    services.add_discipline(school["teacher"], actor=None, form="khien_trach", start=D(2024, 11, 1))
    assert awards_of(radar(school["accounts"]["canbo"], school["sgd"], 2024).eligible) == []


def test_a_year_before_the_2022_law_has_no_rule_set(school, bk_tinh_candidate):
    result = radar(school["accounts"]["canbo"], school["sgd"], 2023)
    assert (result.no_ruleset, list(result.eligible)) == (True, [])


def test_the_outsider_sees_nobody_of_another_department(school, bk_tinh_candidate):
    result = radar(school["accounts"]["ngoai"], school["root"], 2024)
    assert list(result.eligible) == []


def test_filters_by_award_kind_and_name(school, bk_tinh_candidate):
    officer = school["accounts"]["canbo"]
    assert awards_of(radar(officer, school["root"], 2024, award="BK_TINH").eligible) == [
        ("Lò Thị Ánh", "BK_TINH")
    ]
    assert list(radar(officer, school["root"], 2024, kind="collective").eligible) == []
    assert list(radar(officer, school["root"], 2024, text="sinh").eligible) == []
    assert len(radar(officer, school["root"], 2024, text="lo thi anh").eligible) == 3


def test_collective_candidates_with_figures_from_their_people(school, bk_tinh_candidate):
    services.record_collective_year(school["sgd"], actor=None, year=2024, rating="HTXS", block_rank=1)
    result = radar(school["accounts"]["canbo"], school["root"], 2024, kind="collective")
    assert awards_of(result.eligible) == [
        ("Sở Giáo dục và Đào tạo", "CO_TINH"),
        ("Sở Giáo dục và Đào tạo", "TTLDTT"),
        ("Sở Giáo dục và Đào tạo", "TTLDXS"),
    ]


def test_manual_only_awards_are_listed_when_chosen(school, bk_tinh_candidate):
    result = radar(school["accounts"]["canbo"], school["sgd"], 2024, award="GIAY_KHEN")
    assert [(str(row.subject), row.verdict.outcome.value) for row in result.manual] == [
        ("Sở Giáo dục và Đào tạo", "manual_only"),
        ("Lò Thị Ánh", "manual_only"),
        ("Vàng A Sình", "manual_only"),
    ]


def test_quota_usage_counts_the_candidates_against_the_cap(school, bk_tinh_candidate):
    record = RuleSetRecord.objects.get(ruleset_id="luat-06-2022_nd-98-2023")
    award_services.set_quota(record, actor=None, award_code="CSTDCS", percent=50, of="LDTT")
    usage = radar(school["accounts"]["canbo"], school["sgd"], 2024).quotas
    assert [(q.award, q.of, q.base, q.cap, q.eligible, q.recorded, q.over) for q in usage] == [
        ("CSTDCS", "LDTT", 1, 0, 1, 1, True)
    ]


def test_radar_reads_in_bulk_three_people_cost_what_one_does(school, bk_tinh_candidate):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            result = radar(school["accounts"]["canbo"], school["sgd"], 2024)
            list(result.eligible)
            list(result.soon)
        return len(captured)

    queries()  # the first call also works out the officer's scope, which is then cached on the user
    one = queries()
    for name in ("Giàng A Páo", "Tao Thị Xuân"):
        person = org.create_person(actor=None, full_name=name, gender=Gender.MALE, unit=school["sgd"])
        for year in (2023, 2024):
            services.set_rating(person, actor=None, year=year, rating="HTXS")
            services.record_honour(actor=None, person=person, year=year, code="CSTDCS")
    assert queries() == one


def test_radar_page_and_its_excel_export(school, bk_tinh_candidate):
    client = Client()
    client.force_login(school["accounts"]["canbo"])
    params = {"unit": school["sgd"].pk, "year": 2024, "award": "BK_TINH", "money_date": "20/01/2025"}
    html = client.get(reverse("awards:radar"), params).content.decode()
    assert "Lò Thị Ánh" in html
    assert "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in html
    assert "Năm 2023: đã được tặng Chiến sĩ thi đua cơ sở." in html
    assert "2.340.000 đ" in html
    export = client.get(reverse("awards:radar"), {**params, "xuat": "xlsx"})
    assert export["Content-Disposition"] == 'attachment; filename="xet-dieu-kien-2024.xlsx"'
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == (
        "Danh sách",
        "Cá nhân, tập thể",
        "Đơn vị",
        "Mã",
        "Danh hiệu, hình thức",
        "Tiền thưởng (đồng)",
    )
    assert rows[1][:6] == (
        "Đủ điều kiện",
        "Lò Thị Ánh",
        "Sở Giáo dục và Đào tạo",
        "BK_TINH",
        "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh",
        2340000,
    )
    assert "Năm 2024: đã được tặng Chiến sĩ thi đua cơ sở." in rows[1][6]


def test_radar_page_for_a_year_without_rule_set_says_so(school, bk_tinh_candidate):
    client = Client()
    client.force_login(school["accounts"]["canbo"])
    html = client.get(reverse("awards:radar"), {"unit": school["sgd"].pk, "year": 2023}).content.decode()
    assert "Chưa nạp bộ quy tắc xét thi đua, khen thưởng áp dụng cho năm 2023" in html


def test_person_page_shows_this_years_verdicts_and_the_revoke_form(school, bk_tinh_candidate):
    client = Client()
    client.force_login(school["accounts"]["vanthu"])
    url = reverse("records:person_history", args=[school["teacher"].pk])
    html = client.get(url, {"nam": 2024}).content.decode()
    assert 'data-award="BK_TINH"' in html
    assert "Đủ điều kiện" in html
    assert "Lý do thu hồi" in html
    response = client.post(
        reverse("records:honour_revoke", args=[bk_tinh_candidate[2023].pk]),
        {
            "reason": "Thu hồi theo Quyết định 15/QĐ-UBND",
            "version": 1,
            "inline": "1",
            "next": f"{url}?nam=2024",
        },
    )
    assert response.status_code == 302
    html = client.get(url, {"nam": 2024}).content.decode()
    assert "Năm 2023: Chiến sĩ thi đua cơ sở năm 2023 đã bị hủy bỏ, không được tính." in html


def test_revoke_on_a_stale_version_is_refused(school, bk_tinh_candidate):
    honour = bk_tinh_candidate[2023]
    client = Client()
    client.force_login(school["accounts"]["vanthu"])
    response = client.post(
        reverse("records:honour_revoke", args=[honour.pk]),
        {"reason": "Sai", "version": honour.version + 1, "decision_number": "15/QĐ-UBND"},
    )
    honour.refresh_from_db()
    assert (response.status_code, honour.revoked) == (200, False)
    assert "Bản ghi này vừa được người khác sửa" in response.content.decode()


def test_revoke_form_is_refused_to_the_outsider(school, bk_tinh_candidate):
    honour = bk_tinh_candidate[2023]
    client = Client()
    client.force_login(school["accounts"]["ngoai"])
    response = client.post(reverse("records:honour_revoke", args=[honour.pk]), {"reason": "x", "version": 1})
    honour.refresh_from_db()
    assert (response.status_code, honour.revoked) == (403, False)
