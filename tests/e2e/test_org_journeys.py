"""Journeys through units and people, in Vietnamese, as the personas who make them."""

import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

from thidua.org.models import Person, Unit


def test_commune_clerk_finds_a_person_without_diacritics_and_cannot_open_another_units_dossier(
    page, live_server, province, login
):
    login("vanthu.khonglao")
    expect(page.get_by_test_id("current-user")).to_have_text("vanthu.khonglao")
    page.get_by_role("navigation").get_by_role("button", name="Danh mục").click()
    page.get_by_role("navigation").get_by_role("link", name="Cá nhân", exact=True).click()

    # Only the commune's people, sorted by given name in Vietnamese order: Anh < Ân < Bình < Đức.
    rows = page.get_by_test_id("people-table").locator("tbody tr td:first-child")
    expect(rows).to_have_text(["Vàng Thị Anh", "Tao Văn Ân", "Lò Văn Bình", "Nguyễn Văn Đức"])
    birth_dates = page.get_by_test_id("people-table").locator("tbody tr td:nth-child(3)")
    expect(birth_dates).to_have_text(["02/01/1979", "31/12/1990", "", "05/03/1985"])

    page.get_by_label("Tìm theo tên hoặc số CCCD").fill("nguyen van duc")
    expect(rows).to_have_text(["Nguyễn Văn Đức"])
    expect(page).to_have_url(re.compile(r"q=nguyen(\+|%20)van(\+|%20)duc"))
    page.get_by_role("link", name="Nguyễn Văn Đức").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nguyễn Văn Đức")
    facts = page.get_by_test_id("person-facts")
    expect(facts).to_contain_text("05/03/1985")
    expect(facts).to_contain_text("Ủy ban nhân dân xã Khổng Lào")
    expect(page.get_by_test_id("employments")).to_contain_text("Công chức")
    expect(page.get_by_test_id("history")).to_contain_text("Thêm cá nhân Nguyễn Văn Đức")

    # The department's namesake and everyone else outside the commune are refused by URL.
    for outsider in (province["people"]["Nguyễn Văn Đức"], province["people"]["Phạm Thị Hà"]):
        response = page.goto(f"{live_server.url}/to-chuc/ca-nhan/{outsider.pk}/")
        assert response.status == 403
        expect(page.get_by_test_id("forbidden")).to_contain_text("Bạn không có quyền xem")
        expect(page.get_by_role("main")).not_to_contain_text(outsider.full_name)


def test_department_clerk_sees_only_the_department(page, live_server, province, login):
    login("vanthu.sgd")
    page.goto(f"{live_server.url}/to-chuc/ca-nhan/")
    rows = page.get_by_test_id("people-table").locator("tbody tr td:first-child")
    expect(rows).to_have_text(["Giàng A Anh", "Lò Thị Ánh", "Trần Văn Dũng", "Nguyễn Văn Đức"])


def _units_workbook(template: bytes, rows: list[list]) -> bytes:
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_officer_imports_units_bad_row_writes_nothing_then_fixed_file_imports(
    page, live_server, province, login, tmp_path
):
    login("canbotdkt")
    page.get_by_role("navigation").get_by_role("button", name="Danh mục").click()
    page.get_by_role("navigation").get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_role("link", name="Nhập từ Excel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập đơn vị từ Excel")

    with page.expect_download() as download_info:
        page.get_by_test_id("template-link").click()
    template = download_info.value.path().read_bytes()
    headers = [cell.value for cell in load_workbook(io.BytesIO(template)).worksheets[0][1]]
    assert headers[:4] == ["Mã đơn vị", "Tên viết tắt", "Tên đầy đủ", "Loại đơn vị"]

    type_label = "Sở, ban, ngành"
    bad = tmp_path / "don-vi-loi.xlsx"
    bad.write_bytes(
        _units_workbook(
            template,
            [
                ["STTTT", "Sở TT&TT", "Sở Thông tin và Truyền thông", type_label, "UBND"],
                ["SKHCN", "Sở KH&CN", "", type_label, "KHONGCO"],
            ],
        )
    )
    before = Unit.objects.count()
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(bad))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    errors = page.get_by_test_id("import-errors")
    expect(errors).to_contain_text("Chưa có dòng nào được ghi.")
    expect(errors.locator("tbody tr")).to_have_count(2)
    expect(errors.locator("tbody tr").nth(0)).to_contain_text("3")
    expect(errors.locator("tbody tr").nth(0)).to_contain_text("Tên đầy đủ")
    expect(errors.locator("tbody tr").nth(1)).to_contain_text("KHONGCO")
    assert Unit.objects.count() == before

    good = tmp_path / "don-vi.xlsx"
    good.write_bytes(
        _units_workbook(
            template,
            [
                ["STTTT", "Sở TT&TT", "Sở Thông tin và Truyền thông", type_label, "UBND"],
                ["SKHCN", "Sở KH&CN", "Sở Khoa học và Công nghệ", type_label, "UBND"],
            ],
        )
    )
    page.get_by_label("Tệp Excel (.xlsx)").set_input_files(str(good))
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã nhập 2 dòng: thêm mới 2, cập nhật 0.")
    expect(page.get_by_test_id("unit-table")).to_contain_text("Sở Khoa học và Công nghệ")
    assert Unit.objects.count() == before + 2


def test_officer_merges_a_unit_and_both_pages_show_the_lineage(page, live_server, province, login):
    login("canbotdkt")
    page.goto(f"{live_server.url}/to-chuc/don-vi/{province['syt'].pk}/")
    page.get_by_role("link", name="Sáp nhập").click()
    page.get_by_label("Ngày hiệu lực").fill("01/03/2025")
    page.get_by_label("Căn cứ (số, ký hiệu văn bản)").fill("Nghị quyết 01/NQ-HĐND")
    page.get_by_label("Sáp nhập vào đơn vị").select_option(label="— Sở Giáo dục và Đào tạo")
    page.get_by_role("button", name="Lưu").click()
    lineage = page.get_by_test_id("lineage")
    expect(lineage).to_contain_text("01/03/2025")
    expect(lineage).to_contain_text("Sáp nhập, hợp nhất")
    expect(page.locator("body")).to_contain_text("Lịch sử được kế thừa bởi: Sở Giáo dục và Đào tạo")
    page.get_by_test_id("lineage").get_by_role("link", name="Sở Giáo dục và Đào tạo").click()
    expect(page.locator("body")).to_contain_text("Kế thừa lịch sử của: Sở Y tế")
    # People moved with the merger: Phạm Thị Hà now works in the successor.
    assert Person.objects.get(full_name="Phạm Thị Hà").unit == province["sgd"]


def test_two_clerks_editing_one_person_the_second_save_is_refused(
    page, context, live_server, province, login
):
    login("vanthu.sgd")
    person = province["people"]["Lò Thị Ánh"]
    url = f"{live_server.url}/to-chuc/ca-nhan/{person.pk}/sua/"
    other = context.new_page()
    page.goto(url)
    other.goto(url)
    page.get_by_label("Điện thoại").fill("0912345678")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("alert")).to_contain_text("Đã lưu thay đổi.")
    other.get_by_label("Điện thoại").fill("0987654321")
    other.get_by_role("button", name="Lưu").click()
    expect(other.get_by_role("alert")).to_contain_text("vừa được người khác sửa")
    person.refresh_from_db()
    assert person.phone == "0912345678"


def test_login_is_locked_after_five_wrong_passwords(page, live_server, province, login):
    for _attempt in range(4):
        login("vanthu.sgd", "sai-mat-khau")
        expect(page.get_by_role("main")).to_contain_text("Tên đăng nhập hoặc mật khẩu không đúng")
    login("vanthu.sgd", "sai-mat-khau")
    expect(page.get_by_test_id("locked-out")).to_contain_text("tạm bị khóa 15 phút")
    login("vanthu.sgd")  # even the right password is refused while the lock lasts
    expect(page.get_by_test_id("locked-out")).to_contain_text("tạm bị khóa 15 phút")


def test_dates_typed_dd_mm_yyyy_and_shown_the_same(page, live_server, province, login):
    login("vanthu.sgd")
    person = province["people"]["Trần Văn Dũng"]
    page.goto(f"{live_server.url}/to-chuc/ca-nhan/{person.pk}/sua/")
    page.get_by_label("Ngày sinh").fill("05/03/1985")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("person-facts")).to_contain_text("05/03/1985")
    page.goto(f"{live_server.url}/to-chuc/ca-nhan/{person.pk}/sua/")
    page.get_by_label("Ngày sinh").fill("31/02/1985")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("Nhập một ngày hợp lệ")
