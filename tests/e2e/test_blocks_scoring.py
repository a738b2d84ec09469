"""The scoring journey in the browser: two member clerks self-score with evidence, the head assigns
cross-scoring (every member by the three others), three assessors score Sở GD&ĐT and the one score straying
from their median by more than the threshold is flagged, the officer adjusts it with a reason, the head locks
and the ranking shows. Before the lock no assessor sees another's sheet, either way round; after it, both do."""

import re

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import expect

from thidua.blocks import services
from thidua.blocks.models import SheetKind
from thidua.blocks.testing import build_world, full_entries


@pytest.fixture
def world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world()


@pytest.fixture
def as_user(page, login):
    def switch(username):
        page.context.clear_cookies()
        login(username)
        expect(page.get_by_test_id("current-user")).to_have_text(username)

    return switch


def open_round_page(page, live_server, block):
    page.goto(f"{live_server.url}/khoi-thi-dua/{block.pk}/cham-diem/")


def fill_sheet(page, rows, *, p11, band="2.2.1"):
    form = page.get_by_test_id("sheet-form")
    form.locator(f'input[name="p_{rows["1.1"].pk}"]').fill(p11)
    form.locator(f'input[name="v_{rows["1.2"].pk}"]').fill("100")
    form.locator(f'input[name="p_{rows["2.1"].pk}"]').fill("20")
    form.locator(f'input[type="radio"][value="{rows[band].pk}"]').check()
    page.get_by_role("button", name="Lưu điểm").click()


def self_score_in_browser(page, live_server, block, rows, tmp_path, code, p11):
    open_round_page(page, live_server, block)
    page.get_by_test_id("my-sheets").get_by_role("link", name=re.compile("Tự chấm")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Tự chấm")
    fill_sheet(page, rows, p11=p11)
    expect(page.get_by_role("alert").first).to_contain_text("Đã lưu phiếu")
    evidence = tmp_path / f"bao-cao-{code}.pdf"
    evidence.write_bytes(b"%PDF-1.4 minh chung")
    page.get_by_label("Cho tiêu chí").select_option(label=f"1.1. {rows['1.1'].text}")
    page.get_by_label("Tệp minh chứng (.pdf, ảnh, Word, Excel)").set_input_files(str(evidence))
    page.get_by_role("button", name="Tải lên minh chứng").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã thêm minh chứng")
    page.get_by_role("button", name="Nộp phiếu").click()
    expect(page.get_by_test_id("sheet-status")).to_contain_text("Đã nộp")


def test_self_cross_adjust_lock_and_blind_scores(page, live_server, world, as_user, tmp_path):
    block, rows, units = world["block"], world["rows"], world["units"]

    # The head opens self-scoring.
    as_user("truongkhoi")
    open_round_page(page, live_server, block)
    page.get_by_role("button", name="Mở tự chấm điểm").click()
    expect(page.get_by_test_id("round-status")).to_have_text("Đang tự chấm")

    # Two member clerks self-score, with evidence, and submit.
    as_user("vanthu.sgd")
    self_score_in_browser(page, live_server, block, rows, tmp_path, "sgd", "29")
    expect(page.get_by_test_id("sheet-total")).to_contain_text("99")
    as_user("vanthu.syt")
    self_score_in_browser(page, live_server, block, rows, tmp_path, "syt", "30")
    # The two other members self-score through the services.
    round_ = block.round
    for code in ("SNV", "STC"):
        sheet = round_.sheets.get(kind=SheetKind.SELF, member__unit__code=code)
        services.save_entries(sheet, actor=None, values=full_entries(rows, p11="27"))
        services.add_evidence(
            sheet, actor=None, criterion=rows["1.1"], file=ContentFile(b"%PDF", name="a.pdf")
        )
        services.submit_sheet(sheet, actor=None)

    # The head assigns cross-scoring (each member by the three others) and opens it.
    as_user("truongkhoi")
    open_round_page(page, live_server, block)
    page.get_by_label("Chấm chéo xoay vòng: mỗi đơn vị do các đơn vị kế tiếp chấm").check()
    page.get_by_label("Số đơn vị chấm mỗi đơn vị (xoay vòng)").fill("3")
    page.get_by_role("button", name="Phân công").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã phân công 12 phiếu chấm")
    page.get_by_role("button", name="Kết thúc tự chấm, bắt đầu chấm chéo").click()
    expect(page.get_by_test_id("round-status")).to_have_text("Đang chấm chéo, thẩm định")

    # Sở Giáo dục is scored by Sở Nội vụ, Sở Tài chính (in the browser) and Sở Y tế.
    by_snv = round_.sheets.get(kind=SheetKind.CROSS, member__unit__code="SGDDT", assessor__unit__code="SNV")
    by_stc = round_.sheets.get(kind=SheetKind.CROSS, member__unit__code="SGDDT", assessor__unit__code="STC")
    by_syt = round_.sheets.get(kind=SheetKind.CROSS, member__unit__code="SGDDT", assessor__unit__code="SYT")
    as_user("vanthu.snv")
    page.goto(f"{live_server.url}/khoi-thi-dua/phieu/{by_snv.pk}/")
    # The assessor sees the self-assessment and its evidence, to verify it.
    expect(page.get_by_role("link", name="bao-cao-sgd.pdf")).to_be_visible()
    fill_sheet(page, rows, p11="29")
    page.get_by_role("button", name="Nộp phiếu").click()
    expect(page.get_by_test_id("sheet-status")).to_contain_text("Đã nộp")

    as_user("vanthu.stc")
    # Blind: Sở Nội vụ's sheet is refused, and the progress page gives neither its link nor its total.
    response = page.goto(f"{live_server.url}/khoi-thi-dua/phieu/{by_snv.pk}/")
    assert response.status == 403
    open_round_page(page, live_server, block)
    progress = page.get_by_test_id("progress")
    expect(progress).to_contain_text("Sở Nội vụ: đã nộp")
    expect(progress.locator(f'a[href="/khoi-thi-dua/phieu/{by_snv.pk}/"]')).to_have_count(0)
    page.goto(f"{live_server.url}/khoi-thi-dua/phieu/{by_stc.pk}/")
    fill_sheet(page, rows, p11="21")
    expect(page.locator("body")).not_to_contain_text("Sở Nội vụ")
    page.get_by_role("button", name="Nộp phiếu").click()
    expect(page.get_by_test_id("sheet-status")).to_contain_text("Đã nộp")

    # Blind the other way round: Sở Nội vụ cannot open Sở Tài chính's sheet either.
    as_user("vanthu.snv")
    response = page.goto(f"{live_server.url}/khoi-thi-dua/phieu/{by_stc.pk}/")
    assert response.status == 403
    open_round_page(page, live_server, block)
    progress = page.get_by_test_id("progress")
    expect(progress).to_contain_text("Sở Tài chính: đã nộp")
    expect(progress.locator(f'a[href="/khoi-thi-dua/phieu/{by_stc.pk}/"]')).to_have_count(0)

    # Sở Y tế gives Sở Giáo dục 28; the other nine cross sheets give 26, through the services.
    round_.refresh_from_db()
    services.save_entries(by_syt, actor=None, values=full_entries(rows, p11="28"))
    services.submit_sheet(by_syt, actor=None)
    for sheet in round_.sheets.filter(kind=SheetKind.CROSS, submitted_at__isnull=True):
        services.save_entries(sheet, actor=None, values=full_entries(rows, p11="26"))
        services.submit_sheet(sheet, actor=None)

    # The head closes cross-scoring. Of 29, 21 and 28 (median 28, threshold 3) only Sở Tài chính's 21 strays:
    # one flag in the whole block, shown to the head without the assessor's name. The mean is 26.
    as_user("truongkhoi")
    open_round_page(page, live_server, block)
    page.get_by_role("button", name="Kết thúc chấm chéo, tổng hợp điểm").click()
    expect(page.get_by_test_id("round-status")).to_have_text("Đang điều chỉnh")
    expect(page.get_by_test_id("progress").locator(".badge.text-bg-warning")).to_have_count(1)
    expect(page.get_by_test_id("progress")).to_contain_text("1 điểm lệch")
    page.get_by_test_id("final-SGDDT").click()
    expect(page.locator("tr.table-warning")).to_have_count(1)
    flags = page.get_by_test_id("flags-1.1")
    expect(flags).to_contain_text("Trung vị 28")
    expect(flags).to_contain_text("Điểm lệch")
    expect(flags).not_to_contain_text("Sở Tài chính")
    expect(flags).not_to_contain_text("21")
    expect(page.get_by_test_id("sheet-total")).to_contain_text("96")

    # The officer sees who gave what, and adjusts with a written reason.
    as_user("canbotdkt")
    open_round_page(page, live_server, block)
    page.get_by_test_id("final-SGDDT").click()
    expect(page.get_by_test_id("flags-1.1").locator("div")).to_have_text(["Sở Tài chính: 21"])
    form = page.get_by_test_id("adjust-form")
    form.get_by_label("Tiêu chí").select_option(label=f"1.1. {rows['1.1'].text}")
    form.get_by_label("Điểm mới").fill("28")
    form.get_by_label("Lý do điều chỉnh").fill("Đối chiếu minh chứng: kế hoạch năm ban hành đúng hạn")
    form.get_by_role("button", name="Điều chỉnh").click()
    expect(page.get_by_role("alert").first).to_contain_text("Đã điều chỉnh mục 1.1")
    expect(page.get_by_test_id("sheet-total")).to_contain_text("98")
    expect(page.get_by_test_id("adjustments")).to_contain_text(
        "Đối chiếu minh chứng: kế hoạch năm ban hành đúng hạn"
    )
    expect(page.get_by_test_id("adjustments")).to_contain_text("Cán bộ Ban Thi đua – Khen thưởng tỉnh")

    # The head locks; the ranking shows.
    as_user("truongkhoi")
    open_round_page(page, live_server, block)
    page.get_by_role("button", name="Khóa kết quả và xếp hạng").click()
    expect(page.get_by_test_id("round-status")).to_have_text("Đã khóa")
    ranking = page.get_by_test_id("ranking").locator("tbody tr")
    expect(ranking).to_have_count(4)
    expect(ranking.first).to_contain_text("Sở Giáo dục và Đào tạo")
    expect(ranking.first).to_contain_text("98")

    expect(ranking.nth(1)).to_contain_text("96")

    # After the lock, the assessors see each other's sheets, both ways round.
    as_user("vanthu.stc")
    response = page.goto(f"{live_server.url}/khoi-thi-dua/phieu/{by_snv.pk}/")
    assert response.status == 200
    as_user("vanthu.snv")
    response = page.goto(f"{live_server.url}/khoi-thi-dua/phieu/{by_stc.pk}/")
    assert response.status == 200
    assert units["SGDDT"].pk in world["block"].results.filter(rank=1).values_list("unit_id", flat=True)
