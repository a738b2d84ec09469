"""Excel: export targets and progress; import progress values and registrations, all or nothing."""

import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from thidua.core.excel import run_import
from thidua.movements import imports, services
from thidua.movements.models import ProgressReport, Registration

pytestmark = pytest.mark.django_db


def workbook(rows, headers) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "tien-do.xlsx"
    return buffer


PROGRESS_HEADERS = ["Mã chỉ tiêu", "Mã đơn vị", "Loại kỳ", "Năm", "Kỳ số", "Giá trị", "Ghi chú"]


def test_export_has_progress_sheet_and_targets_sheet(movement, province):
    services.report_progress(
        movement["schools"],
        actor=None,
        unit=province["sgd"],
        period_kind="quarter",
        period_year=2022,
        period_index=2,
        value=Decimal("54.8"),
        note="Ước tính",
    )
    client = Client()
    client.force_login(province["users"]["officer"])
    response = client.get(reverse("movements:progress_export", args=[movement["movement"].pk]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Tiến độ", "Chỉ tiêu"]
    progress = list(book["Tiến độ"].iter_rows(values_only=True))
    assert progress[1] == ("1", "Tỷ lệ trường chuẩn quốc gia", "SGDDT", "Quý", 2022, 2, 54.8, "Ước tính")
    targets = list(book["Chỉ tiêu"].iter_rows(values_only=True))
    assert targets[0][:4] == ("Mã chỉ tiêu", "Tên chỉ tiêu", "Chiều đánh giá", "Giá trị chỉ tiêu")
    assert targets[1] == (
        "1",
        "Tỷ lệ trường chuẩn quốc gia",
        "Đạt ít nhất",
        56.3,
        "%",
        None,
        "Sở GD&ĐT",
        "Quý II/2022",
        54.8,
        "Nguy cơ không đạt",
        97.34,
    )
    assert targets[2][9] == "Chưa báo cáo"


def test_export_reimports_unchanged(movement, province):
    services.report_progress(
        movement["schools"],
        actor=None,
        unit=province["sgd"],
        period_kind="quarter",
        period_year=2022,
        period_index=2,
        value=Decimal("54.8"),
    )
    content = imports.export_workbook(movement["movement"])
    outcome = run_import(
        imports.ProgressImporter(movement["movement"]),
        io.BytesIO(content),
        actor=province["users"]["officer"],
    )
    assert (outcome.ok, outcome.created, outcome.updated) == (True, 0, 1)


def test_import_progress_writes_every_row(movement, province):
    file = workbook(
        [["1", "SGDDT", "Quý", 2022, 2, "54,8", "Sơ bộ"], ["2", "SYT", "quy", 2022, 1, "520", ""]],
        PROGRESS_HEADERS,
    )
    outcome = run_import(
        imports.ProgressImporter(movement["movement"]), file, actor=province["users"]["officer"]
    )
    assert (outcome.ok, outcome.rows, outcome.created) == (True, 2, 2)
    assert sorted(ProgressReport.objects.values_list("target__code", "value", "status")) == [
        ("1", Decimal("54.8000"), "nguy_co"),
        ("2", Decimal("520.0000"), "nguy_co"),
    ]


def test_import_progress_all_or_nothing_with_row_errors(movement, province):
    file = workbook(
        [
            ["1", "SGDDT", "Quý", 2022, 2, "54,8", ""],
            ["9", "SGDDT", "Quý", 2022, 2, "1", ""],
            ["1", "STC", "Quý", 2022, 2, "1", ""],
            ["1", "SGDDT", "Quý", 2022, 5, "1", ""],
            ["1", "SGDDT", "Năm", 2024, 1, "abc", ""],
            ["1", "SGDDT", "Quý", 2022, 2, "55", ""],
        ],
        PROGRESS_HEADERS,
    )
    outcome = run_import(
        imports.ProgressImporter(movement["movement"]), file, actor=province["users"]["officer"]
    )
    assert outcome.ok is False
    assert [(error.row, error.column, error.message) for error in outcome.errors] == [
        (3, "Mã chỉ tiêu", "phong trào không có chỉ tiêu mã «9»"),
        (4, "Mã đơn vị", "đơn vị không thuộc phạm vi phong trào"),
        (5, "Kỳ số", "kỳ Quý chỉ từ 1 đến 4"),
        (6, "Giá trị", "«abc» không phải là số (ví dụ 1.234,5)"),
        (6, "Năm", "kỳ báo cáo nằm ngoài thời gian phong trào"),
        (7, "", "trùng chỉ tiêu, đơn vị và kỳ với dòng 2"),
    ]
    assert ProgressReport.objects.count() == 0


def test_import_progress_refuses_units_the_clerk_does_not_edit(movement, province):
    file = workbook([["2", "SYT", "Quý", 2022, 1, "520", ""]], PROGRESS_HEADERS)
    outcome = run_import(
        imports.ProgressImporter(movement["movement"]), file, actor=province["users"]["clerk_sgd"]
    )
    assert [(error.row, error.message) for error in outcome.errors] == [
        (2, "bạn không có quyền báo cáo cho đơn vị này")
    ]


def test_import_registrations_links_known_people(movement, province):
    file = workbook(
        [
            ["SGDDT", "Nguyen Van Duc", "", "Lao động tiên tiến"],
            ["SGDDT", "Lò Thị Ánh", "Giáo viên", "Chiến sĩ thi đua cơ sở"],
        ],
        ["Mã đơn vị", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký"],
    )
    outcome = run_import(
        imports.RegistrationImporter(movement["movement"]), file, actor=province["users"]["clerk_sgd"]
    )
    assert outcome.ok is True
    rows = sorted(Registration.objects.values_list("person_name", "person__full_name", "title"))
    assert rows == [
        ("Lò Thị Ánh", None, "CSTDCS"),
        ("Nguyen Van Duc", "Nguyễn Văn Đức", "LDTT"),
    ]


def test_import_registrations_rejects_collective_titles_and_other_units(movement, province):
    file = workbook(
        [
            ["SGDDT", "Lò Thị Ánh", "", "Cờ thi đua của Chính phủ"],
            ["SYT", "Phạm Thị Hà", "", "Lao động tiên tiến"],
        ],
        ["Mã đơn vị", "Họ và tên", "Chức vụ", "Danh hiệu đăng ký"],
    )
    outcome = run_import(
        imports.RegistrationImporter(movement["movement"]), file, actor=province["users"]["clerk_sgd"]
    )
    assert outcome.ok is False
    assert [(error.row, error.column) for error in outcome.errors] == [
        (2, "Danh hiệu đăng ký"),
        (3, "Mã đơn vị"),
    ]
    assert Registration.objects.count() == 0
