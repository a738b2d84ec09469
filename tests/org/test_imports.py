"""Excel import and export of units and people: template, row-by-row Vietnamese errors, all-or-nothing, updates."""

from __future__ import annotations

import datetime
import io

import pytest
from openpyxl import load_workbook

from thidua.core.excel import build_template, build_workbook, run_import
from thidua.core.models import AuditEntry
from thidua.org.enums import Gender, PositionLevel
from thidua.org.imports import PERSON_SPEC, UNIT_SPEC, PersonImporter, UnitImporter, person_rows, unit_rows
from thidua.org.models import Employment, Person, Unit

DEPARTMENT = "Sở, ban, ngành"
UNIT_TYPES = (
    "UBND tỉnh, Văn phòng, cơ quan thuộc UBND tỉnh, Sở, ban, ngành, Phòng, ban, chi cục thuộc sở, "
    "Huyện, thị xã, thành phố thuộc tỉnh, Xã, phường, thị trấn, đặc khu, Mặt trận Tổ quốc, đoàn thể, hội, "
    "Báo, đài, Doanh nghiệp, Trường học, Bệnh viện, trung tâm y tế, Đơn vị sự nghiệp khác, "
    "Cơ quan Trung ương đóng trên địa bàn, Lực lượng vũ trang, Đơn vị ngoài tỉnh, Khác"
)


def filled(spec, rows) -> io.BytesIO:
    """The downloadable template with rows typed under its header, as a clerk would."""
    workbook = load_workbook(io.BytesIO(build_template(spec)))
    for row in rows:
        workbook.worksheets[0].append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def messages(outcome) -> list[str]:
    return [str(error) for error in outcome.errors]


def counts() -> tuple[int, int, int]:
    return Unit.objects.count(), Person.objects.count(), AuditEntry.objects.count()


# --- units ------------------------------------------------------------------------------------------------


def test_unit_template_headers_are_vietnamese():
    sheet = load_workbook(io.BytesIO(build_template(UNIT_SPEC))).worksheets[0]
    assert [cell.value for cell in sheet[1]] == [
        "Mã đơn vị",
        "Tên viết tắt",
        "Tên đầy đủ",
        "Loại đơn vị",
        "Mã đơn vị cấp trên",
        "Thứ tự",
        "Hiệu lực từ ngày",
        "Hiệu lực đến ngày",
    ]


BAD_UNITS = [
    ["STTTT", "Sở TT&TT", "Sở Thông tin và Truyền thông", DEPARTMENT, "UBND", 40, "01/01/2008"],
    ["SKHCN", "Sở KH&CN", None, DEPARTMENT, "KHONGCO"],
    ["sttttt", "Sở TT", "Sở TT", "Bộ", "UBND"],
    [
        "PHONG_KT",
        "Phòng KT",
        "Phòng Kinh tế",
        "Phòng, ban, chi cục thuộc sở",
        "STTTT",
        None,
        "01/07/2025",
        "30/06/2025",
    ],
    ["SỞ XD", "Sở XD", "Sở Xây dựng", "so ban nganh"],
    ["STTTT", "Sở TT&TT", "Trùng mã", DEPARTMENT, "UBND"],
]
FIXED_UNITS = [
    ["STTTT", "Sở TT&TT", "Sở Thông tin và Truyền thông", DEPARTMENT, "UBND", 40, "01/01/2008"],
    ["SKHCN", "Sở KH&CN", "Sở Khoa học và Công nghệ", DEPARTMENT, "UBND", "50"],
    ["PHONG_KT", "Phòng KT", "Phòng Kinh tế", "Phòng, ban, chi cục thuộc sở", "STTTT", None, "01/07/2025"],
]


def test_unit_import_with_bad_rows_reports_each_row_and_writes_nothing(province_tree, officer):
    before = counts()

    outcome = run_import(UnitImporter(), filled(UNIT_SPEC, BAD_UNITS), actor=officer)

    assert messages(outcome) == [
        "Dòng 3, cột «Tên đầy đủ»: không được để trống",
        "Dòng 3, cột «Mã đơn vị cấp trên»: không có đơn vị mã «KHONGCO» trong hệ thống hay ở các dòng phía trên",
        f"Dòng 4, cột «Loại đơn vị»: «Bộ» không có trong danh mục (chọn một trong: {UNIT_TYPES})",
        "Dòng 5, cột «Hiệu lực đến ngày»: ngày kết thúc hiệu lực trước ngày bắt đầu",
        "Dòng 6, cột «Mã đơn vị»: chỉ gồm chữ không dấu, chữ số và các dấu . _ -",
        # the label must be typed with its commas (or the stored code "so_nganh")
        f"Dòng 6, cột «Loại đơn vị»: «so ban nganh» không có trong danh mục (chọn một trong: {UNIT_TYPES})",
        "Dòng 6, cột «Mã đơn vị cấp trên»: chỉ quản trị hệ thống được tạo đơn vị cấp cao nhất",
        "Dòng 7, cột «Mã đơn vị»: trùng với dòng 2 trong cùng tệp",
    ]
    assert (outcome.ok, outcome.rows, outcome.error_rows, outcome.created) == (False, 6, 5, 0)
    assert counts() == before


def test_unit_import_fixed_file_creates_every_row_with_parents_from_the_file(province_tree, officer):
    run_import(UnitImporter(), filled(UNIT_SPEC, BAD_UNITS), actor=officer)

    outcome = run_import(UnitImporter(), filled(UNIT_SPEC, FIXED_UNITS), actor=officer)

    assert (outcome.ok, outcome.errors, outcome.rows, outcome.created, outcome.updated) == (True, [], 3, 3, 0)
    stttt, skhcn, phong = (Unit.objects.get(code=code) for code in ["STTTT", "SKHCN", "PHONG_KT"])
    assert (stttt.parent_id, stttt.order, stttt.effective_from, stttt.unit_type) == (
        province_tree.root.pk,
        40,
        datetime.date(2008, 1, 1),
        "so_nganh",
    )
    assert (skhcn.full_name, skhcn.order) == ("Sở Khoa học và Công nghệ", 50)
    assert (phong.path, phong.unit_type) == (f"{stttt.path}{phong.pk}/", "phong_ban")
    assert list(AuditEntry.objects.order_by("-id").values_list("action", "summary")[:4]) == [
        ("org.unit.import", "Nhập 3 đơn vị từ Excel"),
        ("org.unit.create", "Tạo đơn vị Phòng Kinh tế"),
        ("org.unit.create", "Tạo đơn vị Sở Khoa học và Công nghệ"),
        ("org.unit.create", "Tạo đơn vị Sở Thông tin và Truyền thông"),
    ]


def test_unit_import_updates_an_existing_code(province_tree, officer):
    rows = [["syt", "SYT", "Sở Y tế tỉnh Lai Châu", "so_nganh", "UBND", 20]]

    outcome = run_import(UnitImporter(), filled(UNIT_SPEC, rows), actor=officer)

    assert (outcome.ok, outcome.created, outcome.updated) == (True, 0, 1)
    unit = Unit.objects.get(code="SYT")
    assert (unit.short_name, unit.full_name, unit.version, Unit.objects.count()) == (
        "SYT",
        "Sở Y tế tỉnh Lai Châu",
        2,
        7,
    )


def test_unit_import_refuses_units_outside_the_clerks_power(province_tree, clerk_sgd):
    rows = [
        ["TRUONG_MOI", "Trường mới", "Trường THCS mới", "Trường học", "SGDDT"],
        ["SYT", "Sở Y tế", "Sở Y tế", DEPARTMENT, "UBND"],
    ]
    before = counts()

    outcome = run_import(UnitImporter(), filled(UNIT_SPEC, rows), actor=clerk_sgd)

    assert messages(outcome) == [
        "Dòng 2, cột «Mã đơn vị cấp trên»: bạn không có quyền quản lý đơn vị «SGDDT»",
        "Dòng 3, cột «Mã đơn vị cấp trên»: bạn không có quyền quản lý đơn vị «UBND»",
        "Dòng 3, cột «Mã đơn vị»: bạn không có quyền sửa đơn vị «SYT»",
    ]
    assert counts() == before


def test_unit_export_imports_back_as_updates_only(province_tree, admin_user):
    exported = build_workbook(UNIT_SPEC, unit_rows(Unit.objects.select_related("parent")))

    outcome = run_import(UnitImporter(), io.BytesIO(exported), actor=admin_user)

    assert (outcome.ok, outcome.errors, outcome.created, outcome.updated) == (True, [], 0, 7)
    assert sorted(Unit.objects.values_list("code", "version")) == [
        ("BANBO", 2),
        ("BINHLU", 2),
        ("SGDDT", 2),
        ("SYT", 2),
        ("TAMDUONG", 2),
        ("THPTCLQD", 2),
        ("UBND", 2),
    ]
    assert sorted(Unit.objects.values_list("code", "full_name")) == sorted(
        (u.code, u.full_name) for u in province_tree.all()
    )


# --- people -----------------------------------------------------------------------------------------------


def test_person_template_headers_are_vietnamese():
    sheet = load_workbook(io.BytesIO(build_template(PERSON_SPEC))).worksheets[0]
    assert [cell.value for cell in sheet[1]] == [
        "Số CCCD",
        "Họ và tên",
        "Giới tính",
        "Ngày sinh",
        "Dân tộc",
        "Mã đơn vị",
        "Chức vụ",
        "Nhóm chức vụ",
        "Giữ chức vụ từ ngày",
        "Thư điện tử",
        "Điện thoại",
    ]


BAD_PEOPLE = [
    ["012345678901", "Lò Thị Ánh", "Nữ", "17/05/1990", "Thái", "THPTCLQD", "Giáo viên", None, "01/09/2015"],
    ["12345", "Giàng A Páo", "Nam", "31/02/1985", "Kinh Thượng", "SGDDT"],
    [None, "Phạm Thị Hà", "Nữ", None, "Kinh", "SYT"],
    [None, "Trần Văn Dũng", "Nam", None, None, "KHONGCO", None, None, "01/01/2020"],
    ["012345678901", "Lò Thị Ánh", "nu", None, None, "THPTCLQD"],
    [
        None,
        "Đèo Văn Khang",
        "Khác",
        "01/01/1890",
        "Thai",
        "SGDDT",
        None,
        None,
        None,
        None,
        "0912345678901234567890",
    ],
]
FIXED_PEOPLE = [
    ["012345678901", "Lò Thị Ánh", "Nữ", "17/05/1990", "Thái", "THPTCLQD", "Giáo viên", None, "01/09/2015"],
    [None, "Giàng A Páo", "Nam", "02/03/1985", "H'Mông", "SGDDT", "Chuyên viên", "chuyen_vien", "01/01/2020"],
]


def test_person_import_with_bad_rows_reports_each_row_and_writes_nothing(province_tree, clerk_sgd):
    before = counts()

    outcome = run_import(PersonImporter(), filled(PERSON_SPEC, BAD_PEOPLE), actor=clerk_sgd)

    assert messages(outcome) == [
        "Dòng 3, cột «Số CCCD»: gồm đúng 12 chữ số",
        "Dòng 3, cột «Ngày sinh»: «31/02/1985» không phải là ngày hợp lệ (nhập theo dạng dd/mm/yyyy, ví dụ 02/09/2025)",
        "Dòng 3, cột «Dân tộc»: «Kinh Thượng» không phải tên một trong 54 dân tộc",
        "Dòng 4, cột «Mã đơn vị»: bạn không có quyền cập nhật cá nhân của đơn vị «SYT»",
        "Dòng 5, cột «Mã đơn vị»: không có đơn vị mã «KHONGCO»",
        "Dòng 5, cột «Chức vụ»: có ngày giữ chức vụ thì phải có chức vụ",
        "Dòng 6, cột «Số CCCD»: trùng với dòng 2 trong cùng tệp",
        "Dòng 7, cột «Giới tính»: «Khác» không có trong danh mục (chọn một trong: Nam, Nữ)",
        "Dòng 7, cột «Điện thoại»: dài quá 20 ký tự",
        "Dòng 7, cột «Ngày sinh»: năm sinh không hợp lý",
    ]
    assert (outcome.ok, outcome.rows, outcome.error_rows) == (False, 6, 5)
    assert counts() == before


def test_person_import_fixed_file_creates_people_with_positions(province_tree, clerk_sgd):
    outcome = run_import(PersonImporter(), filled(PERSON_SPEC, FIXED_PEOPLE), actor=clerk_sgd)

    assert (outcome.ok, outcome.errors, outcome.created, outcome.updated) == (True, [], 2, 0)
    anh = Person.objects.get(cccd="012345678901")
    pao = Person.objects.get(full_name="Giàng A Páo")
    assert (anh.gender, anh.birth_date, anh.ethnicity.name, anh.unit_id, anh.position_title) == (
        Gender.FEMALE,
        datetime.date(1990, 5, 17),
        "Thái",
        province_tree.school.pk,
        "Giáo viên",
    )
    assert (pao.cccd, pao.ethnicity.name, pao.unit_id) == (None, "Mông", province_tree.sgddt.pk)
    assert list(
        Employment.objects.filter(person=anh).values_list("position_title", "start_date", "end_date")
    ) == [("Giáo viên", datetime.date(2015, 9, 1), None)]
    assert AuditEntry.objects.order_by("-id").values_list("action", flat=True)[:3][::-1] == [
        "org.person.create",
        "org.person.create",
        "org.person.import",
    ]


def test_person_import_updates_by_cccd_and_by_name_and_birth_date(province_tree, clerk_sgd):
    run_import(PersonImporter(), filled(PERSON_SPEC, FIXED_PEOPLE), actor=clerk_sgd)
    rows = [
        ["012345678901", "Lò Thị Ánh", "Nữ", "17/05/1990", "Thái", "SGDDT", "Phó Giám đốc Sở",
         "Phó Giám đốc sở và tương đương", "01/01/2024"],
        [None, "Giàng A Páo", "Nam", "02/03/1985", "Mông", "SGDDT", "Chuyên viên", None, None, None, "0912345678"],
    ]  # fmt: skip

    outcome = run_import(PersonImporter(), filled(PERSON_SPEC, rows), actor=clerk_sgd)

    assert (outcome.ok, outcome.errors, outcome.created, outcome.updated) == (True, [], 0, 2)
    anh = Person.objects.get(cccd="012345678901")
    assert (anh.unit_id, anh.position_title, anh.version) == (province_tree.sgddt.pk, "Phó Giám đốc Sở", 3)
    assert list(
        Employment.objects.filter(person=anh)
        .order_by("start_date")
        .values_list("unit__code", "position_title", "position_level", "start_date", "end_date")
    ) == [
        (
            "THPTCLQD",
            "Giáo viên",
            PositionLevel.STAFF,
            datetime.date(2015, 9, 1),
            datetime.date(2023, 12, 31),
        ),
        ("SGDDT", "Phó Giám đốc Sở", PositionLevel.DEPARTMENT_DEPUTY, datetime.date(2024, 1, 1), None),
    ]
    pao = Person.objects.get(full_name="Giàng A Páo")
    assert (pao.phone, pao.version, Person.objects.count()) == ("0912345678", 2, 2)


def test_person_import_refuses_a_cccd_of_someone_the_clerk_does_not_manage(
    province_tree, clerk_sgd, clerk_syt
):
    run_import(PersonImporter(), filled(PERSON_SPEC, FIXED_PEOPLE), actor=clerk_sgd)
    rows = [["012345678901", "Lò Thị Ánh", "Nữ", None, None, "SYT"]]

    outcome = run_import(PersonImporter(), filled(PERSON_SPEC, rows), actor=clerk_syt)

    assert messages(outcome) == [
        "Dòng 2, cột «Số CCCD»: số CCCD này thuộc một người của đơn vị khác mà bạn không quản lý"
    ]
    assert Person.objects.get(cccd="012345678901").unit_id == province_tree.school.pk


def test_person_export_imports_back_as_updates_only(province_tree, clerk_sgd):
    run_import(PersonImporter(), filled(PERSON_SPEC, FIXED_PEOPLE), actor=clerk_sgd)
    people = Person.objects.select_related("unit", "ethnicity")
    exported = build_workbook(PERSON_SPEC, person_rows(people))
    sheet = load_workbook(io.BytesIO(exported)).worksheets[0]
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)] == [
        ["012345678901", "Lò Thị Ánh", "Nữ", datetime.datetime(1990, 5, 17), "Thái", "THPTCLQD", "Giáo viên",
         None, None, None, None],
        [None, "Giàng A Páo", "Nam", datetime.datetime(1985, 3, 2), "Mông", "SGDDT", "Chuyên viên",
         None, None, None, None],
    ]  # fmt: skip

    outcome = run_import(PersonImporter(), io.BytesIO(exported), actor=clerk_sgd)

    assert (outcome.ok, outcome.errors, outcome.created, outcome.updated) == (True, [], 0, 2)
    assert Person.objects.count() == 2
    assert Employment.objects.count() == 2


@pytest.mark.parametrize("content", [b"", b"not a workbook", "Họ và tên\nLò Thị Ánh\n".encode()])
def test_person_import_of_a_file_that_is_not_xlsx(province_tree, clerk_sgd, content):
    outcome = run_import(PersonImporter(), io.BytesIO(content), actor=clerk_sgd)
    assert messages(outcome) == ["Không đọc được tệp: hãy tải lên tệp Excel (.xlsx) theo mẫu."]
