"""A unit clerk records an initiative, sees the CSTĐCS verdict turn eligible, then records the CSTĐCS with the
initiative it relies on: the initiative is locked and can no longer be edited."""

from django.urls import reverse
from playwright.sync_api import expect

from thidua.records import services


def test_clerk_records_a_cstdcs_on_an_initiative_and_the_initiative_is_locked(
    page, live_server, province, login
):
    teacher = province["people"]["Lò Thị Ánh"]
    services.set_rating(teacher, actor=None, year=2025, rating="HTT")
    login("vanthu.sgd")
    page.goto(f"{live_server.url}{reverse('records:person_history', args=[teacher.pk])}?nam=2025")
    verdict = page.get_by_test_id("verdicts").locator("tr[data-award='CSTDCS']")
    expect(verdict).to_contain_text("Chưa đủ điều kiện")

    page.get_by_role("link", name="Thêm sáng kiến").click()
    page.get_by_label("Tên sáng kiến").fill("Sổ tay điện tử chủ nhiệm lớp")
    page.get_by_label("Phạm vi công nhận").select_option(label="Cấp cơ sở")
    page.get_by_label("Năm công nhận").fill("2025")
    page.get_by_label("Cơ quan công nhận").fill("Hội đồng sáng kiến Sở Giáo dục và Đào tạo")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã ghi nhận.")
    page.goto(f"{live_server.url}{reverse('records:person_history', args=[teacher.pk])}?nam=2025")
    verdict = page.get_by_test_id("verdicts").locator("tr[data-award='CSTDCS']")
    expect(verdict).to_contain_text("Đủ điều kiện")
    expect(verdict).not_to_contain_text("Chưa đủ điều kiện")

    page.get_by_role("link", name="Thêm khen thưởng").click()
    page.get_by_label("Năm khen thưởng (năm của thành tích)").fill("2025")
    page.get_by_label("Danh hiệu, hình thức khen thưởng").select_option(label="Chiến sĩ thi đua cơ sở")
    page.get_by_label("Số quyết định").fill("25/QĐ-SGDĐT")
    page.get_by_label("Ngày quyết định").fill("20/12/2025")
    page.get_by_label("Sổ tay điện tử chủ nhiệm lớp (Cấp cơ sở, 2025)").check()
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("alert")).to_contain_text("Đã ghi nhận.")
    honour = page.get_by_test_id("honours").locator("tr", has_text="25/QĐ-SGDĐT")
    expect(honour).to_contain_text("Chiến sĩ thi đua cơ sở")
    expect(honour).to_contain_text("20/12/2025")
    expect(honour).to_contain_text("Sáng kiến: Sổ tay điện tử chủ nhiệm lớp")
    initiative = page.get_by_test_id("initiatives").locator("tr", has_text="Sổ tay điện tử chủ nhiệm lớp")
    expect(initiative).to_contain_text("Chiến sĩ thi đua cơ sở 2025")
    expect(initiative.get_by_role("link", name="Sửa")).to_have_count(0)

    page.get_by_role("link", name="Thêm khen thưởng").click()
    expect(page.get_by_text("Sáng kiến làm căn cứ khen thưởng")).to_have_count(0)
