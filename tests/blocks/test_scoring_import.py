"""Reading and writing criteria tables as CSV and Excel with Vietnamese headers."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.blocks import scoring
from thidua.blocks.scoring import CriteriaTable, Criterion, Formula, Kind, score_table
from thidua.blocks.table_import import (
    HEADERS,
    TableImportError,
    read_csv,
    read_rows,
    read_xlsx,
    write_csv,
    write_xlsx,
)

D = Decimal

SMALL_CSV = """Mã,Mã cha,Nội dung,Loại,Điểm,Tính theo lần,Tối đa của dòng,Điểm cộng tối đa,Điểm trừ tối đa,Nhóm lựa chọn,Chỉ cộng khi đạt đủ điểm chuẩn,Công thức,Mục tiêu/ngưỡng,Đơn vị theo dõi đánh giá,Yêu cầu minh chứng
1,,Tiêu chuẩn 1,Nhóm,10,,,,,,,,,Văn phòng Sở,
1.1,1,Báo cáo đúng hạn,Định tính,4,,,,"1,5",,,,,,x
1.1.1,1.1,Mỗi báo cáo trễ,Trừ điểm,"-0,5",Có,,,,,,,,,
1.1.2,1.1,Mỗi bài đăng,Cộng điểm,"+ 0,2",có,1,,,,,,,,
1.2,1,Tỷ lệ hoàn thành,Định lượng,6,,,,,,,Tỷ lệ,100,,Có
2,,Không gửi báo cáo,Không xếp loại,,,,,,,,,,,
"""


def test_read_csv_text():
    table = read_csv(SMALL_CSV, title="Bảng nhỏ", year=2024, total_points=10)

    nodes = table.by_code()
    assert [node.code for node in table.walk()] == ["1", "1.1", "1.1.1", "1.1.2", "1.2", "2"]
    assert (nodes["1.1"].deduction_cap, nodes["1.1"].evidence_required) == (D("1.5"), True)
    assert (nodes["1.1.1"].kind, nodes["1.1.1"].points, nodes["1.1.1"].per_occurrence) == (
        Kind.PENALTY,
        D("0.5"),
        True,
    )
    assert (nodes["1.1.2"].points, nodes["1.1.2"].row_max) == (D("0.2"), D(1))
    assert (nodes["1.2"].formula, nodes["1.2"].target) == (Formula.PROPORTIONAL, D(100))
    assert nodes["2"].kind == Kind.DISQUALIFIER
    assert table.reviewer_of("1.2") == "Văn phòng Sở"


def test_read_csv_headers_and_kinds_without_diacritics():
    text = "ma,ma cha,NOI DUNG,loai,diem\nA,,Nhóm A,nhom,\nA.1,A,Mục,dinh tinh,2\nA.2,A.1,Trừ,tru diem,1\n"

    table = read_csv(text)

    assert [(node.code, node.kind) for node in table.walk()] == [
        ("A", Kind.GROUP),
        ("A.1", Kind.QUALITATIVE),
        ("A.2", Kind.PENALTY),
    ]


def test_read_csv_reports_every_bad_row_in_vietnamese():
    text = (
        "Mã,Mã cha,Nội dung,Loại,Điểm,Tính theo lần,Công thức\n"
        "1,,Tiêu chuẩn,Nhóm,,,\n"
        ",1,Không mã,Định tính,2,,\n"
        "1.2,9,Cha lạ,Định tính,2,,\n"
        "1.3,1,Loại lạ,Khác,2,,\n"
        "1.4,1,Điểm chữ,Định tính,hai,,\n"
        "1.5,1,Cờ lạ,Cộng điểm,1,có lẽ,\n"
        "1.6,1,Công thức lạ,Định lượng,1,,bình phương\n"
        "1,,Trùng,Nhóm,,,\n"
        "1.7,1,Âm,Cộng điểm,-1,,\n"
    )

    with pytest.raises(TableImportError) as error:
        read_csv(text)

    assert error.value.messages == [
        "Dòng 3: thiếu mã.",
        "Dòng 4: mã cha “9” không có ở các dòng phía trên.",
        "Dòng 5: loại “Khác” không hợp lệ (chọn một trong: Nhóm, Định tính, Định lượng, Cộng điểm, Trừ điểm, Không xếp loại).",
        "Dòng 6: cột “Điểm” không phải là số (“hai”).",
        "Dòng 7: cột “Tính theo lần” chỉ nhận “Có” hoặc “Không” (“có lẽ”).",
        "Dòng 8: công thức “bình phương” không hợp lệ (chọn một trong: Tỷ lệ, Ngưỡng).",
        "Dòng 9: mã “1” đã có ở dòng phía trên.",
        "Dòng 10: cột “Điểm” không được âm (-1).",
    ]


def test_read_csv_reports_header_problems():
    with pytest.raises(TableImportError) as error:
        read_csv("Mã,Nội dung,Điểm,Điểm,Màu\n")

    assert error.value.messages == [
        "Dòng 1: cột “Điểm” bị lặp.",
        "Dòng 1: không nhận ra cột “Màu”.",
        "Dòng 1: thiếu cột “Loại”.",
    ]


def test_read_rows_empty_file():
    with pytest.raises(TableImportError) as error:
        read_rows([])

    assert error.value.messages == ["Tệp trống: không có dòng tiêu đề."]


def test_read_csv_runs_table_validation():
    text = "Mã,Mã cha,Nội dung,Loại,Điểm\n1,,Tiêu chuẩn,Nhóm,10\n1.1,1,Mục,Định tính,4\n"

    with pytest.raises(TableImportError) as error:
        read_csv(text, title="Bảng thiếu", total_points=10)

    assert error.value.messages == [
        "Mục 1: tổng điểm chuẩn của các mục con là 4 điểm, khác với 10 điểm của mục.",
        "Bảng “Bảng thiếu”: tổng điểm chuẩn các tiêu chuẩn là 4 điểm, khác với tổng cộng 10 điểm.",
    ]


def test_write_csv_round_trip_of_tien_giang(tien_giang_table):
    text = write_csv(tien_giang_table)

    again = read_csv(text, title=tien_giang_table.title, year=2022, total_points=100)

    assert text.splitlines()[0] == ",".join(HEADERS)
    assert again == tien_giang_table


def test_fixture_file_is_in_our_format(tien_giang_csv, tien_giang_table):
    assert tien_giang_csv.read_text(encoding="utf-8") == write_csv(tien_giang_table)


def test_xlsx_round_trip_of_tien_giang(tien_giang_table):
    buffer = io.BytesIO()
    write_xlsx(tien_giang_table, buffer)
    buffer.seek(0)

    again = read_xlsx(buffer, title=tien_giang_table.title, year=2022, total_points=100)

    assert again == tien_giang_table


def test_read_xlsx_with_numbers_and_row_errors():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Mã", "Mã cha", "Nội dung", "Loại", "Điểm", "Tính theo lần", "Tối đa của dòng"])
    sheet.append(["A", None, "Tiêu chí", "Định tính", 3.5, None, None])
    sheet.append(["A.1", "A", "Mỗi lần trễ", "Trừ điểm", -0.25, True, 1])
    sheet.append([None, None, None, None, None, None, None])
    sheet.append(["A.2", "A", "Mỗi bài", "Cộng điểm", 0.1, "x", 0.5])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)

    table = read_xlsx(buffer)

    nodes = table.by_code()
    assert (nodes["A"].points, nodes["A.1"].points, nodes["A.1"].per_occurrence, nodes["A.2"].row_max) == (
        D("3.5"),
        D("0.25"),
        True,
        D("0.5"),
    )
    entries = {"A": scoring.given("3.5"), "A.1": scoring.occurs(3), "A.2": scoring.occurs(7)}
    assert score_table(table, entries).total == D("3.25")

    sheet.append(["A.3", "Z", "Cha lạ", "Trừ điểm", 1, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    with pytest.raises(TableImportError) as error:
        read_xlsx(buffer)
    assert error.value.messages == ["Dòng 6: mã cha “Z” không có ở các dòng phía trên."]


# --- hypothesis: any valid table survives a CSV round trip ------------------------------------------------

texts = st.text(alphabet="abcdeđêôơư ĐÂ,;\"'", min_size=1, max_size=20).map(str.strip).filter(bool)
points = st.decimals(min_value=D("0.05"), max_value=D(20), places=2)


@st.composite
def tables(draw):
    criteria = []
    for top in range(draw(st.integers(min_value=1, max_value=3))):
        children = []
        for index in range(draw(st.integers(min_value=1, max_value=4))):
            kind = draw(st.sampled_from([Kind.QUALITATIVE, Kind.BONUS, Kind.PENALTY]))
            per_occurrence = kind != Kind.QUALITATIVE and draw(st.booleans())
            children.append(
                Criterion(
                    code=f"{top}.{index}",
                    text=draw(texts),
                    kind=kind,
                    points=draw(points),
                    per_occurrence=per_occurrence,
                    row_max=draw(st.none() | points) if kind != Kind.QUALITATIVE else None,
                    reviewer=draw(st.sampled_from(["", "Văn phòng Sở", "Thanh tra Sở"])),
                    evidence_required=draw(st.booleans()),
                )
            )
        group = Criterion(code=str(top), text=draw(texts), kind=Kind.GROUP, children=children)
        group.points = group.max_standard() if any(c.kind == Kind.QUALITATIVE for c in children) else None
        group.deduction_cap = draw(st.none() | points)
        criteria.append(group)
    return CriteriaTable(title="Ngẫu nhiên", criteria=criteria)


@settings(max_examples=50)
@given(tables())
def test_property_csv_round_trip(table):
    assert read_csv(write_csv(table), title="Ngẫu nhiên") == table
