"""The printable documents: scoring sheets, the tờ trình and the vote-count minutes (PDF and DOCX)."""

import datetime
import io

import pytest
from docx import Document
from pypdf import PdfReader

from thidua.blocks import documents, services
from thidua.blocks.models import SheetKind
from thidua.blocks.testing import build_world, run_round

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


@pytest.fixture
def voted():
    world = build_world()
    run_round(world)
    block = world["block"]
    meeting = services.create_meeting(
        block,
        actor=None,
        held_on=datetime.date(2022, 12, 20),
        place="Hội trường Sở Y tế",
        chair_name="Nguyễn Văn Trưởng",
        secretary_name="Lò Thị Thư",
    )
    members = list(block.members.select_related("unit").order_by("order"))
    services.record_attendance(
        meeting, actor=None, attendance={m.pk: (m.unit.code != "STC", "") for m in members}
    )
    ballot = services.open_ballot(meeting, actor=None)
    candidates = list(ballot.candidates.order_by("position"))
    for member in members[:3]:
        services.cast_vote(ballot, actor=None, member=member, approved=[candidates[0].pk, candidates[1].pk])
    services.close_ballot(ballot, actor=None)
    services.update_ballot_documents(
        ballot,
        actor=None,
        document_number="15/TTr-KTĐ",
        signer_name="Nguyễn Văn Trưởng",
        signer_title="GIÁM ĐỐC SỞ Y TẾ",
    )
    ballot.refresh_from_db()
    return world, ballot, candidates


def test_minutes_pdf_lists_the_count_and_the_result(voted):
    _world, ballot, candidates = voted
    text = pdf_text(documents.minutes_pdf(ballot))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Lai Châu, ngày 20 tháng 12 năm 2022" in text
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert "Số phiếu phát ra: 3; số phiếu thu về: 3; số phiếu hợp lệ: 3." in text
    assert "Đơn vị vắng (1): Sở Tài chính." in text
    first = candidates[0].member.unit.full_name
    assert f"1 {first} Cờ thi đua của UBND tỉnh 1 3 100 Đạt" in text
    assert "Nguyễn Văn Trưởng" in text and "Lò Thị Thư" in text


def test_proposal_pdf_and_docx_say_the_same(voted):
    _world, ballot, candidates = voted
    pdf = pdf_text(documents.proposal_pdf(ballot))
    docx = docx_text(documents.proposal_docx(ballot))
    for text in (pdf, docx):
        assert "TỜ TRÌNH" in text
        assert "Số: 15/TTr-KTĐ" in text
        assert (
            "Về việc đề nghị tặng Cờ thi đua của UBND tỉnh và Bằng khen của Chủ tịch UBND tỉnh năm 2022"
            in text
        )
        assert candidates[0].member.unit.full_name in text
        assert candidates[1].member.unit.full_name in text
        assert "Bằng khen của Chủ tịch UBND tỉnh" in text
        assert "GIÁM ĐỐC SỞ Y TẾ" in text
    assert f"{candidates[2].member.unit.full_name} Bằng khen" not in pdf
    assert f"{candidates[1].member.unit.full_name} Bằng khen" in pdf


def test_minutes_docx_has_the_tally_table(voted):
    _world, ballot, candidates = voted
    text = docx_text(documents.minutes_docx(ballot))
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert f"{candidates[2].member.unit.full_name} Bằng khen của Chủ tịch UBND tỉnh" in text
    assert "Không đạt" in text


def test_scoring_sheet_pdf_shows_self_and_agreed_totals():
    world = build_world()
    round_ = run_round(world)
    final = round_.sheets.get(kind=SheetKind.FINAL, member__unit__code="SGDDT")
    text = pdf_text(documents.scoring_sheet_pdf(world["block"], final))
    assert "PHIẾU CHẤM ĐIỂM THI ĐUA" in text
    assert "Đơn vị: Sở Giáo dục và Đào tạo" in text
    assert "Điểm thống nhất" in text
    self_total = round_.sheets.get(kind=SheetKind.SELF, member__unit__code="SGDDT").total
    assert (
        f"TỔNG CỘNG 100 {documents.format_points(self_total)} {documents.format_points(final.total)}" in text
    )


def test_blank_scoring_sheet_lists_every_criterion():
    world = build_world()
    text = pdf_text(documents.scoring_sheet_pdf(world["block"]))
    for code in ("1.1", "1.2.1", "2.2.3", "2.4"):
        assert code in text
    assert "Đạt từ 90% đến dưới 100%: 15 điểm" in text


def columns(block) -> list[tuple[str, str, str, str, str]]:
    return [
        (line.code, line.standard, line.bonus, line.deduction, line.reviewer)
        for line in documents.sheet_lines(block, None, None)
    ]


def test_scoring_sheet_has_standard_bonus_deduction_and_reviewer_columns():
    world = build_world()
    services.update_criterion(world["rows"]["1"], actor=None, reviewer="Văn phòng Sở")
    services.update_criterion(world["rows"]["2.1"], actor=None, reviewer="Phòng Thi đua – Khen thưởng")
    assert columns(world["block"]) == [
        ("1", "60", "", "", "Văn phòng Sở"),
        ("1.1", "30", "", "", ""),
        ("1.2", "30", "", "tối đa 2", ""),
        ("1.2.1", "", "", "-0,5/lần", ""),
        ("2", "40", "", "", ""),
        ("2.1", "20", "", "", "Phòng Thi đua – Khen thưởng"),
        ("2.2", "20", "", "", ""),
        ("2.2.1", "20", "", "", ""),
        ("2.2.2", "15", "", "", ""),
        ("2.2.3", "10", "", "", ""),
        ("2.3", "", "+10", "", ""),
        ("2.4", "", "", "không xếp loại", ""),
    ]
    text = pdf_text(documents.scoring_sheet_pdf(world["block"]))
    assert "Mã Nội dung Đơn vị theo dõi, đánh giá Điểm Tự chấm Thẩm định Giải trìnhChuẩn Thưởng Trừ" in text
    assert "1 Tiêu chuẩn 1: Thực hiện nhiệm vụ chuyên môn Văn phòng Sở 60 1.1" in text
    assert (
        "1.2 Tỷ lệ hồ sơ giải quyết đúng hạn 30 tối đa 2 1.2.1 Mỗi báo cáo chậm: trừ 0,5 điểm -0,5/lần"
        in text
    )
    assert "2.1 Tổ chức phát động phong trào thi đua Phòng Thi đua – Khen thưởng 20" in text
    assert "2.3 Được tặng Cờ thi đua của UBND tỉnh: cộng 10 điểm +10" in text


def test_member_scoring_sheet_totals_bonus_and_deduction_apart():
    world = build_world()
    rows = world["rows"]
    round_ = services.open_self_scoring(world["block"], actor=None)
    sheet = round_.sheets.get(kind=SheetKind.SELF, member__unit__code="SGDDT")
    values = {
        rows["1.1"].pk: {"points": "30"},
        rows["1.2"].pk: {"value": "100"},
        rows["1.2.1"].pk: {"count": "3"},
        rows["2.1"].pk: {"points": "20"},
        rows["2.2.1"].pk: {"count": "1"},
        rows["2.3"].pk: {"count": "1"},
    }
    services.save_entries(sheet, actor=None, values=values)
    sheet.refresh_from_db()
    text = pdf_text(documents.scoring_sheet_pdf(world["block"], sheet))
    assert "1.2.1 Mỗi báo cáo chậm: trừ 0,5 điểm -0,5/lần 3 lần" in text
    assert "2.3 Được tặng Cờ thi đua của UBND tỉnh: cộng 10 điểm +10 ✓" in text
    assert "Điểm chuẩn đạt 100 Điểm thưởng (cộng) 10 Điểm trừ 1,5 TỔNG CỘNG 100 108,5" in text


def test_tien_giang_table_prints_its_chuan_thuong_tru_columns(tien_giang_csv):
    from django.core.files.uploadedfile import SimpleUploadedFile

    world = build_world(with_table=False)
    block = world["block"]
    services.import_table(
        block,
        actor=None,
        file=SimpleUploadedFile("bang.csv", tien_giang_csv.read_bytes()),
        title="Tiền Giang",
    )
    wanted = {"a", "a1", "a1.1", "a2", "a3.1", "a4.2", "a4.2.1"}
    assert [line for line in columns(block) if line[0] in wanted] == [
        ("a", "30", "", "", "Phòng Quản lý đất đai"),
        ("a1", "3", "", "tối đa 1,5", ""),
        ("a1.1", "", "", "-0,5/lần", ""),
        ("a2", "3", "tối đa 0,5", "tối đa 2", ""),
        ("a3.1", "", "", "-1", ""),
        ("a4.2", "", "", "", ""),
        ("a4.2.1", "", "+1", "", ""),
    ]
