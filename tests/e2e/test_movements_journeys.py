"""Browser journeys for movements: launch with targets and a thematic movement, a clerk's plan and progress
report, and the public progress page."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from thidua.movements import services
from thidua.movements.achievement import Direction
from thidua.movements.models import Movement, MovementKind

YEAR = datetime.date.today().year


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def launched_movement(province, *, public=False):
    movement = services.create_movement(
        actor=None,
        launching_unit=province["root"],
        name=f"Phong trào thi đua năm {YEAR}",
        theme="Đoàn kết, sáng tạo, thi đua hoàn thành nhiệm vụ",
        kind=MovementKind.REGULAR,
        period_start=datetime.date(YEAR, 1, 1),
        period_end=datetime.date(YEAR, 12, 31),
        plan_deadline=datetime.date(YEAR, 12, 31),
        units_in_scope=[province["sgd"], province["syt"]],
    )
    target = services.add_target(
        movement,
        actor=None,
        name="Tỷ lệ trường chuẩn quốc gia",
        unit_of_measure="%",
        direction=Direction.AT_LEAST,
        target_value=Decimal("56.3"),
        responsible_units=[province["sgd"]],
    )
    services.launch_movement(movement, actor=None)
    if public:
        services.set_public_progress(movement, actor=None, public=True)
    return Movement.objects.get(pk=movement.pk), target


def logout(page):
    page.context.clear_cookies()


def test_officer_launches_a_movement_and_clerks_in_scope_see_it(page, live_server, login, province):
    login("canbotdkt")
    page.goto(f"{live_server.url}/phong-trao/")
    page.get_by_role("link", name="Phong trào mới").click()
    page.get_by_label("Đơn vị phát động").select_option(label="Ủy ban nhân dân tỉnh Lai Châu")
    page.get_by_label("Tên phong trào").fill("Phong trào thi đua chào mừng kỷ niệm ngày thành lập tỉnh")
    page.get_by_label("Chủ đề").fill("Lai Châu đoàn kết, đổi mới, phát triển")
    page.get_by_label("Từ ngày").fill(f"01/01/{YEAR}")
    page.get_by_label("Đến ngày").fill(f"31/12/{YEAR}")
    page.get_by_label("Đơn vị thuộc phạm vi").select_option(label=["Sở Giáo dục và Đào tạo", "Sở Y tế"])
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("movement-status")).to_have_text("Dự thảo")

    for name, unit, value in [
        ("Tỷ lệ trường chuẩn quốc gia", "%", "56,3"),
        ("Thu ngân sách", "tỷ đồng", "2.250"),
    ]:
        page.get_by_role("link", name="Thêm chỉ tiêu").click()
        page.get_by_label("Tên chỉ tiêu").fill(name)
        page.get_by_label("Đơn vị tính").fill(unit)
        page.get_by_label("Chiều đánh giá").select_option(label="Đạt ít nhất")
        page.get_by_label("Giá trị chỉ tiêu").fill(value)
        page.get_by_role("button", name="Lưu").click()
    table = page.get_by_test_id("target-table")
    expect(table).to_contain_text("Tỷ lệ trường chuẩn quốc gia")
    expect(table).to_contain_text("56,3")
    expect(table).to_contain_text("2.250")

    page.get_by_role("link", name="Thêm phong trào chuyên đề").click()
    page.get_by_label("Tên phong trào chuyên đề").fill("Dân vận khéo")
    page.get_by_label("Đơn vị chủ trì").select_option(label="Sở Y tế")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("thematic-list")).to_contain_text("“Dân vận khéo”")

    page.get_by_role("link", name="Phát động").click()
    page.get_by_role("button", name="Phát động").click()
    expect(page.get_by_test_id("movement-status")).to_have_text("Đã phát động")
    movement_url = page.url

    # After launch, renaming the thematic movement is an amendment: refused without a reason.
    page.get_by_test_id("thematic-list").get_by_role("link", name="Sửa").click()
    page.get_by_label("Tên phong trào chuyên đề").fill("Dân vận khéo, dân vận giỏi")
    page.get_by_role("button", name="Lưu").click()
    expect(
        page.get_by_text("Phong trào đã phát động: hãy ghi lý do, căn cứ của việc sửa đổi, bổ sung.")
    ).to_be_visible()
    page.get_by_label("Lý do, căn cứ sửa đổi").fill("Kết luận của Ban Dân vận Tỉnh ủy")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("thematic-list")).to_contain_text("“Dân vận khéo, dân vận giỏi”")
    amendments = page.get_by_test_id("amendments")
    expect(amendments).to_contain_text("Sửa phong trào chuyên đề Dân vận khéo, dân vận giỏi")
    expect(amendments).to_contain_text("Lý do: Kết luận của Ban Dân vận Tỉnh ủy")
    amendments.get_by_text("Chi tiết").click()
    expect(amendments.get_by_test_id("amendment-changes")).to_have_text(
        "Tên phong trào: Dân vận khéo → Dân vận khéo, dân vận giỏi"
    )

    for clerk in ["vanthu.sgd", "vanthu.syt"]:
        logout(page)
        login(clerk)
        panel = page.get_by_test_id("home-movements")
        expect(panel).to_contain_text("Phong trào thi đua chào mừng kỷ niệm ngày thành lập tỉnh")
        expect(panel).to_contain_text("Kế hoạch: Chưa nộp")
        expect(page.get_by_role("link", name="Phát động: Phong trào thi đua chào mừng")).to_be_visible()

    # The commune's clerk is outside the scope: no notice, no panel, not in the list, and the page is refused.
    logout(page)
    login("vanthu.khonglao")
    expect(page.get_by_test_id("current-user")).to_have_text("vanthu.khonglao")
    expect(page.get_by_test_id("home-movements")).to_have_count(0)
    expect(page.get_by_role("link", name="Phát động: Phong trào thi đua chào mừng")).to_have_count(0)
    page.goto(f"{live_server.url}/phong-trao/")
    expect(page.get_by_test_id("movement-table").locator("tbody")).to_have_text("Chưa có phong trào nào.")
    assert page.goto(movement_url).status == 403


def test_clerk_files_a_plan_and_reports_progress_and_dashboard_shows_status(
    page, live_server, login, province
):
    movement, _target = launched_movement(province)
    login("vanthu.sgd")
    page.get_by_test_id("home-movements").get_by_role("link", name="Nộp kế hoạch").click()
    page.get_by_label("Số, ký hiệu kế hoạch").fill("25/KH-SGDĐT")
    page.get_by_label("Tóm tắt kế hoạch").fill("Triển khai phong trào tới các trường học trực thuộc.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("my-plans")).to_contain_text("Kế hoạch của Sở GD&ĐT đã nộp ngày")

    page.get_by_role("link", name="Bảng theo dõi chỉ tiêu").click()
    expect(page.get_by_test_id("status-1")).to_have_text("Chưa báo cáo")
    page.get_by_test_id("target-row-1").get_by_role("link", name="Báo cáo").click()
    page.get_by_label("Loại kỳ").select_option(label="Quý")
    page.get_by_label("Năm").fill(str(YEAR))
    page.get_by_label("Kỳ số").fill("2")
    page.get_by_label("Giá trị").fill("57,1")
    page.get_by_label("Ghi chú").fill("Theo số liệu của phòng Kế hoạch - Tài chính")
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.get_by_test_id("status-1")).to_have_text("Vượt")
    expect(page.get_by_test_id("target-row-1")).to_contain_text("57,1 %")
    expect(page.get_by_test_id("chart-table-1")).to_contain_text(f"Quý II/{YEAR}")

    logout(page)
    login("canbotdkt")
    page.goto(f"{live_server.url}/phong-trao/{movement.pk}/ke-hoach/")
    expect(page.get_by_test_id("filing-table")).to_contain_text("Sở Giáo dục và Đào tạo")
    expect(page.get_by_test_id("filing-counts")).to_contain_text("Đã nộp: 1")


def test_public_progress_page_without_login_shows_no_personal_data(page, live_server, province):
    movement, target = launched_movement(province, public=True)
    services.report_progress(
        target,
        actor=province["accounts"]["vanthu.sgd"],
        unit=province["sgd"],
        period_kind="quarter",
        period_year=YEAR,
        period_index=1,
        value=Decimal("55.2"),
        note="Người tổng hợp: Nguyễn Văn Đức",
    )
    page.goto(f"{live_server.url}/phong-trao/cong-khai/{movement.public_key}/")
    table = page.get_by_test_id("public-table")
    expect(table).to_contain_text("Tỷ lệ trường chuẩn quốc gia")
    expect(table).to_contain_text("55,2 %")
    expect(table).to_contain_text("Nguy cơ không đạt")
    body = page.locator("body").inner_text()
    for personal in ["Nguyễn Văn Đức", "Lò Thị Ánh", "vanthu.sgd", "Người tổng hợp"]:
        assert personal not in body
    expect(page.get_by_test_id("current-user")).to_have_count(0)
