"""The eligibility radar: an officer sees a Bằng khen candidate with the reasons, revokes the 2023 title the
Bằng khen rests on, and the verdict turns ineligible with the reason shown, on the person's page and on the radar."""

import datetime

import pytest
from playwright.sync_api import expect

from thidua.records import services


@pytest.fixture
def candidate(province):
    teacher = province["people"]["Lò Thị Ánh"]
    for year, rating in [(2022, "HTT"), (2023, "HTXS"), (2024, "HTXS")]:
        services.set_rating(teacher, actor=None, year=year, rating=rating)
    for year in (2023, 2024):
        services.record_honour(actor=None, person=teacher, year=year, code="LDTT")
        services.record_honour(
            actor=None,
            person=teacher,
            year=year,
            code="CSTDCS",
            decision_number=f"1{year}/QĐ-SGDĐT",
            decision_date=datetime.date(year + 1, 1, 10),
            issuer="Giám đốc Sở Giáo dục và Đào tạo",
        )
    return teacher


def open_radar(page):
    page.get_by_role("navigation").get_by_role("button", name="Hồ sơ khen thưởng").click()
    page.get_by_role("navigation").get_by_role("link", name="Xét điều kiện khen thưởng").click()
    page.get_by_label("Đơn vị").select_option(label="— Sở Giáo dục và Đào tạo")
    page.get_by_label("Năm xét").fill("2024")
    page.get_by_label("Danh hiệu, hình thức").select_option(
        label="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    )
    page.get_by_role("button", name="Xem").click()


def test_officer_revokes_a_title_and_the_bang_khen_verdict_turns_ineligible(
    page, live_server, province, candidate, login
):
    login("canbotdkt")
    open_radar(page)

    eligible = page.get_by_test_id("radar-eligible")
    row = eligible.locator("tr", has_text="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh")
    expect(row).to_contain_text("Lò Thị Ánh")
    expect(row).to_contain_text("Năm 2023: đã được tặng Chiến sĩ thi đua cơ sở.")
    expect(row).to_contain_text("Năm 2024: đã được tặng Chiến sĩ thi đua cơ sở.")
    expect(row).to_contain_text("điểm d khoản 1 Điều 74 Luật Thi đua, khen thưởng năm 2022")

    row.get_by_role("link", name="Lò Thị Ánh").click()
    verdict = page.get_by_test_id("verdicts").locator("tr[data-award='BK_TINH']")
    expect(verdict).to_contain_text("Đủ điều kiện")

    honour_2023 = (
        page.get_by_test_id("honours")
        .locator("tr", has_text="Chiến sĩ thi đua cơ sở")
        .filter(has_text="12023/QĐ-SGDĐT")
    )
    honour_2023.get_by_label("Lý do thu hồi").fill("Thu hồi theo Quyết định 15/QĐ-UBND ngày 02/03/2025")
    page.once("dialog", lambda dialog: dialog.accept())
    honour_2023.get_by_role("button", name="Thu hồi").click()

    expect(page.get_by_role("alert")).to_contain_text("Đã thu hồi. Kết quả xét điều kiện đã được tính lại.")
    expect(honour_2023).to_contain_text("Đã thu hồi")
    verdict = page.get_by_test_id("verdicts").locator("tr[data-award='BK_TINH']")
    expect(verdict).to_contain_text("Chưa đủ điều kiện")
    expect(verdict.locator(".text-danger").first).to_contain_text(
        "Năm 2023: Chiến sĩ thi đua cơ sở năm 2023 đã bị hủy bỏ, không được tính."
    )

    open_radar(page)
    expect(page.get_by_test_id("radar-eligible")).to_contain_text("Không có ai.")
    soon = page.get_by_test_id("radar-soon").locator("tr", has_text="Lò Thị Ánh")
    expect(soon).to_contain_text("Chiến sĩ thi đua cơ sở năm 2023 đã bị hủy bỏ, không được tính.")
    expect(soon).to_contain_text("Năm 2025 xếp loại")
