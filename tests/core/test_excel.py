"""Excel import and export: Vietnamese numbers and dates, row-by-row errors in Vietnamese, all-or-nothing."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from thidua.core.excel import (
    Column,
    ImportOutcome,
    ParsedRow,
    RowError,
    SheetSpec,
    build_template,
    build_workbook,
    check_unique,
    read_sheet,
    run_import,
    writing_row,
)

SPEC = SheetSpec(
    title="Khen thưởng",
    columns=[
        Column("name", "Họ và tên", required=True, max_length=20),
        Column("amount", "Số tiền", kind="decimal"),
        Column("count", "Số lượng", kind="int"),
        Column("day", "Ngày quyết định", kind="date", example=datetime.date(2022, 3, 5)),
        Column("kind", "Hình thức", kind="choice", choices=[("bk", "Bằng khen"), ("gk", "Giấy khen")]),
        Column("active", "Còn hiệu lực", kind="bool"),
        Column("code", "Mã", pattern=r"[A-Z]{3}", pattern_message="gồm 3 chữ in hoa"),
    ],
    instructions="Mỗi dòng là một quyết định.",
)
HEADERS = [column.header for column in SPEC.columns]


def xlsx(rows, headers=HEADERS) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def errors_of(rows) -> list[str]:
    return [str(error) for row in rows for error in row.errors]


# --- reading cells ----------------------------------------------------------------------------------------


def test_read_sheet_parses_vietnamese_number_and_date_text():
    rows, file_errors = read_sheet(xlsx([["Nguyễn Văn Đức", "1.234,5", "1.000", "05/03/2022"]]), SPEC)

    assert file_errors == []
    assert [row.number for row in rows] == [2]
    assert rows[0].values == {
        "name": "Nguyễn Văn Đức",
        "amount": Decimal("1234.5"),
        "count": 1000,
        "day": datetime.date(2022, 3, 5),
        "kind": None,
        "active": None,
        "code": None,
    }
    assert rows[0].errors == []


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("1.234,5", Decimal("1234.5")),
        ("1.234.567", Decimal("1234567")),
        ("8.030", Decimal("8030")),
        ("0,5", Decimal("0.5")),
        ("12.5", Decimal("12.5")),
        ("1 234,5", Decimal("1234.5")),
        (1234.5, Decimal("1234.5")),
        (7, Decimal("7")),
    ],
)
def test_read_sheet_decimal_cells(cell, expected):
    rows, _ = read_sheet(xlsx([["A", cell]]), SPEC)
    assert (rows[0].values["amount"], rows[0].errors) == (expected, [])


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("05/03/2022", datetime.date(2022, 3, 5)),
        ("5/3/2022", datetime.date(2022, 3, 5)),
        ("05-03-2022", datetime.date(2022, 3, 5)),
        ("05.03.2022", datetime.date(2022, 3, 5)),
        ("2022-03-05", datetime.date(2022, 3, 5)),
        (datetime.datetime(2022, 3, 5, 0, 0), datetime.date(2022, 3, 5)),
        (datetime.date(2022, 3, 5), datetime.date(2022, 3, 5)),
    ],
)
def test_read_sheet_date_cells_are_day_first(cell, expected):
    rows, _ = read_sheet(xlsx([["A", None, None, cell]]), SPEC)
    assert (rows[0].values["day"], rows[0].errors) == (expected, [])


def test_read_sheet_choice_accepts_label_or_code_without_diacritics_or_case():
    rows, _ = read_sheet(
        xlsx([["A", None, None, None, label] for label in ["Bằng khen", "giay khen", "BK"]]), SPEC
    )
    assert [row.values["kind"] for row in rows] == ["bk", "gk", "bk"]


def test_read_sheet_bool_cells():
    cells = ["có", "Không", "x", "0", "đúng", "sai"]
    rows, _ = read_sheet(xlsx([["A", None, None, None, None, cell] for cell in cells]), SPEC)
    assert [row.values["active"] for row in rows] == [True, False, True, False, True, False]


def test_read_sheet_matches_headers_without_diacritics_case_or_star():
    headers = ["HỌ VÀ TÊN (*)", "so tien", "Số  lượng", "ngày quyết định*"]
    rows, file_errors = read_sheet(xlsx([["Lò Văn Tiến", "2,5", 3, "01/02/2023"]], headers), SPEC)
    assert file_errors == []
    assert [rows[0].values[key] for key in ("name", "amount", "count", "day")] == [
        "Lò Văn Tiến",
        Decimal("2.5"),
        3,
        datetime.date(2023, 2, 1),
    ]


def test_read_sheet_text_is_trimmed_and_whole_floats_read_as_integers():
    rows, _ = read_sheet(xlsx([["  Giàng   A  Páo ", None, None, None, None, None, None]]), SPEC)
    assert rows[0].values["name"] == "Giàng A Páo"
    rows, _ = read_sheet(xlsx([[12345.0]]), SPEC)
    assert rows[0].values["name"] == "12345"


# --- errors, row by row -----------------------------------------------------------------------------------


def test_read_sheet_reports_every_error_with_row_and_column_in_vietnamese():
    rows, file_errors = read_sheet(
        xlsx(
            [
                ["Nguyễn Văn Đức", "1.234,5", 2, "05/03/2022", "Bằng khen", "có", "ABC"],
                [None, "abc", "1,5", "31/02/2022", "Huân chương", "có lẽ", "abc"],
                [],
                ["Tên dài quá hai mươi ký tự", None, None, "13/13/2022"],
            ]
        ),
        SPEC,
    )

    assert file_errors == []
    assert [row.number for row in rows] == [2, 3, 5]
    assert errors_of(rows) == [
        "Dòng 3, cột «Họ và tên»: không được để trống",
        "Dòng 3, cột «Số tiền»: «abc» không phải là số (ví dụ 1.234,5)",
        "Dòng 3, cột «Số lượng»: «1,5» không phải là số nguyên",
        "Dòng 3, cột «Ngày quyết định»: «31/02/2022» không phải là ngày hợp lệ "
        "(nhập theo dạng dd/mm/yyyy, ví dụ 02/09/2025)",
        "Dòng 3, cột «Hình thức»: «Huân chương» không có trong danh mục (chọn một trong: Bằng khen, Giấy khen)",
        "Dòng 3, cột «Còn hiệu lực»: «có lẽ» không hợp lệ (nhập «có» hoặc «không»)",
        "Dòng 3, cột «Mã»: gồm 3 chữ in hoa",
        "Dòng 5, cột «Họ và tên»: dài quá 20 ký tự",
        "Dòng 5, cột «Ngày quyết định»: «13/13/2022» không phải là ngày hợp lệ "
        "(nhập theo dạng dd/mm/yyyy, ví dụ 02/09/2025)",
    ]
    assert rows[1].errors[0] == RowError(3, "Họ và tên", "không được để trống")
    assert rows[1].values["amount"] is None


def test_read_sheet_missing_required_header_is_a_file_error():
    rows, file_errors = read_sheet(xlsx([["1.234,5"]], headers=["Số tiền"]), SPEC)
    assert rows == []
    assert [str(error) for error in file_errors] == [
        "Thiếu cột bắt buộc ở dòng tiêu đề: «Họ và tên». Hãy dùng tệp mẫu."
    ]


def test_read_sheet_not_a_workbook_is_a_file_error():
    rows, file_errors = read_sheet(io.BytesIO(b"Ho va ten;So tien\n"), SPEC)
    assert (rows, [str(error) for error in file_errors]) == (
        [],
        ["Không đọc được tệp: hãy tải lên tệp Excel (.xlsx) theo mẫu."],
    )


def test_read_sheet_header_only_is_a_file_error():
    rows, file_errors = read_sheet(xlsx([[None], []]), SPEC)
    assert (rows, [str(error) for error in file_errors]) == (
        [],
        ["Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."],
    )


def test_row_error_text_for_a_whole_row_and_for_the_file():
    assert str(RowError(4, "", "trùng với một người đã có")) == "Dòng 4: trùng với một người đã có"
    assert str(RowError(0, "", "Tệp hỏng.")) == "Tệp hỏng."


def test_check_unique_flags_the_later_duplicate_rows():
    rows = [
        ParsedRow(number, {"code": code}) for number, code in [(2, "ABC"), (3, "abc"), (4, None), (5, "ABC")]
    ]
    check_unique(rows, "code", SPEC, normalise=str.upper)
    assert errors_of(rows) == [
        "Dòng 3, cột «Mã»: trùng với dòng 2 trong cùng tệp",
        "Dòng 5, cột «Mã»: trùng với dòng 2 trong cùng tệp",
    ]


# --- run_import: all or nothing ---------------------------------------------------------------------------


class RecordingImporter:
    """Checks that no name is "Trùng" and records what it is asked to write."""

    spec = SPEC

    def __init__(self, fail_on_write: str | None = None):
        self.written: list[list[str]] = []
        self.fail_on_write = fail_on_write

    def check(self, rows, *, actor):
        for row in rows:
            if row.values.get("name") == "Trùng":
                row.error("name", "đã có trong hệ thống", self.spec)

    def write(self, rows, *, actor):
        if self.fail_on_write:
            raise ValidationError(self.fail_on_write)
        self.written.append([row.values["name"] for row in rows])
        return len(rows), 0


def test_run_import_writes_nothing_when_one_row_fails_the_sheet_check():
    importer = RecordingImporter()
    outcome = run_import(importer, xlsx([["Lê Văn A"], ["Lê Văn B", "x,y"], ["Lê Văn C"]]), actor=None)
    assert outcome == ImportOutcome(
        ok=False, errors=[RowError(3, "Số tiền", "«x,y» không phải là số (ví dụ 1.234,5)")], rows=3
    )
    assert importer.written == []


def test_run_import_writes_nothing_when_one_row_fails_the_importer_check():
    importer = RecordingImporter()
    outcome = run_import(importer, xlsx([["Lê Văn A"], ["Trùng"], ["Trùng", "abc"]]), actor=None)
    assert [str(error) for error in outcome.errors] == [
        "Dòng 3, cột «Họ và tên»: đã có trong hệ thống",
        "Dòng 4, cột «Số tiền»: «abc» không phải là số (ví dụ 1.234,5)",
        "Dòng 4, cột «Họ và tên»: đã có trong hệ thống",
    ]
    assert (outcome.ok, outcome.rows, outcome.error_rows) == (False, 3, 2)
    assert importer.written == []


def test_run_import_writes_every_row_once_when_all_are_valid():
    importer = RecordingImporter()
    outcome = run_import(importer, xlsx([["Lê Văn A"], ["Lê Văn B"]]), actor=None)
    assert outcome == ImportOutcome(ok=True, errors=[], rows=2, created=2, updated=0)
    assert importer.written == [["Lê Văn A", "Lê Văn B"]]


def test_run_import_reports_a_write_refused_at_the_last_moment_as_a_file_error():
    importer = RecordingImporter(fail_on_write="Dữ liệu vừa bị người khác sửa.")
    outcome = run_import(importer, xlsx([["Lê Văn A"]]), actor=None)
    assert outcome == ImportOutcome(
        ok=False, errors=[RowError(0, "", "Dữ liệu vừa bị người khác sửa.")], rows=1
    )


class RowByRowImporter:
    """Writes each row inside ``writing_row``; the names in ``refuse`` make the write fail with that error."""

    spec = SPEC

    def __init__(self, refuse: dict):
        self.refuse = refuse

    def check(self, rows, *, actor):
        pass

    def write(self, rows, *, actor):
        for row in rows:
            with writing_row(row, self.spec, fields={"so_tien": "amount"}):
                if row.values["name"] in self.refuse:
                    raise self.refuse[row.values["name"]]
        return len(rows), 0


def test_run_import_names_the_row_and_column_a_service_refused_while_writing():
    importer = RowByRowImporter(
        {"Lê Văn C": ValidationError({"day": "Ngày quyết định không được trước năm được khen thưởng."})}
    )
    outcome = run_import(importer, xlsx([["Lê Văn A"], ["Lê Văn B"], ["Lê Văn C"]]), actor=None)
    assert outcome == ImportOutcome(
        ok=False,
        errors=[RowError(4, "Ngày quyết định", "Ngày quyết định không được trước năm được khen thưởng.")],
        rows=3,
    )
    assert [str(error) for error in outcome.errors] == [
        "Dòng 4, cột «Ngày quyết định»: Ngày quyết định không được trước năm được khen thưởng."
    ]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (
            ValidationError("Dữ liệu vừa bị người khác sửa."),
            [RowError(3, "", "Dữ liệu vừa bị người khác sửa.")],
        ),
        (
            ValidationError({"so_tien": "Số tiền phải dương.", "khac": "Sai.", "__all__": "Trùng."}),
            [
                RowError(3, "Số tiền", "Số tiền phải dương."),
                RowError(3, "", "Sai."),
                RowError(3, "", "Trùng."),
            ],
        ),
    ],
)
def test_writing_row_maps_service_fields_to_columns_and_the_rest_to_the_row(error, expected):
    outcome = run_import(
        RowByRowImporter({"Lê Văn B": error}), xlsx([["Lê Văn A"], ["Lê Văn B"]]), actor=None
    )
    assert (outcome.ok, outcome.errors) == (False, expected)


def test_run_import_file_error_stops_before_the_check():
    importer = RecordingImporter()
    outcome = run_import(importer, xlsx([], headers=["Mã"]), actor=None)
    assert [str(error) for error in outcome.errors] == [
        "Thiếu cột bắt buộc ở dòng tiêu đề: «Họ và tên». Hãy dùng tệp mẫu."
    ]
    assert (outcome.ok, outcome.rows, importer.written) == (False, 0, [])


# --- writing ----------------------------------------------------------------------------------------------


def test_build_template_has_the_headers_and_a_guide():
    workbook = load_workbook(io.BytesIO(build_template(SPEC)))

    assert workbook.sheetnames == ["Khen thưởng", "Hướng dẫn"]
    sheet, guide = workbook.worksheets
    assert [cell.value for cell in sheet[1]] == HEADERS
    assert sheet.max_row == 1
    assert sheet.freeze_panes == "A2"
    assert [cell.fill.fgColor.rgb for cell in sheet[1]][:2] == ["009C2A00", "001F4E79"]
    assert [[cell.value for cell in row] for row in guide.iter_rows(min_row=1, max_row=9)] == [
        ["Cột", "Bắt buộc", "Ví dụ", "Cách nhập"],
        ["Họ và tên", "có", None, None],
        ["Số tiền", None, None, None],
        ["Số lượng", None, None, None],
        ["Ngày quyết định", None, "05/03/2022", "Ngày theo dạng dd/mm/yyyy."],
        ["Hình thức", None, None, "Một trong: Bằng khen; Giấy khen."],
        ["Còn hiệu lực", None, None, None],
        ["Mã", None, None, None],
        [None, None, None, None],
    ]
    assert [row[3].value for row in guide.iter_rows(min_row=10)] == [
        "Mỗi dòng là một quyết định.",
        "Tệp chỉ được ghi khi mọi dòng đều hợp lệ; nếu có lỗi, không dòng nào được ghi.",
    ]


def test_build_template_offers_a_list_for_choice_columns():
    sheet = load_workbook(io.BytesIO(build_template(SPEC))).worksheets[0]
    validations = sheet.data_validations.dataValidation
    assert [(v.type, v.formula1, str(v.sqref)) for v in validations] == [
        ("list", '"Bằng khen,Giấy khen"', "E2:E500")
    ]


def test_template_filled_in_imports_without_errors():
    workbook = load_workbook(io.BytesIO(build_template(SPEC)))
    workbook.worksheets[0].append(["Đèo Văn Khang", "1.234,5", 3, "05/03/2022", "Giấy khen", "có", "KHA"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)

    rows, file_errors = read_sheet(buffer, SPEC)

    assert (file_errors, errors_of(rows)) == ([], [])
    assert rows[0].values == {
        "name": "Đèo Văn Khang",
        "amount": Decimal("1234.5"),
        "count": 3,
        "day": datetime.date(2022, 3, 5),
        "kind": "gk",
        "active": True,
        "code": "KHA",
    }


def test_build_workbook_exports_rows_that_read_back_identically():
    values = [
        {
            "name": "Đèo Văn Khang",
            "amount": Decimal("1234.5"),
            "count": 3,
            "day": datetime.date(2022, 3, 5),
            "kind": "gk",
            "active": True,
            "code": "KHA",
        },
        {"name": "Lò Thị Ánh", "amount": None, "count": None, "day": None, "kind": "bk", "active": False,
         "code": None},
    ]  # fmt: skip

    content = build_workbook(SPEC, values)

    sheet = load_workbook(io.BytesIO(content)).worksheets[0]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        HEADERS,
        ["Đèo Văn Khang", 1234.5, 3, datetime.datetime(2022, 3, 5), "Giấy khen", "có", "KHA"],
        ["Lò Thị Ánh", None, None, None, "Bằng khen", "không", None],
    ]
    assert (sheet["D2"].number_format, sheet["B2"].number_format) == ("DD/MM/YYYY", "#,##0.##")
    rows, file_errors = read_sheet(io.BytesIO(content), SPEC)
    assert file_errors == []
    assert [row.values for row in rows] == values
