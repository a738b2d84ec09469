"""Excel import of history: the template, all-or-nothing with row-by-row errors, and a second import of the same
file changing nothing."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from thidua.core.excel import run_import
from thidua.org import services as org
from thidua.org.enums import Gender
from thidua.records.imports import HISTORY_SPEC, HistoryImporter
from thidua.records.models import CollectiveYear, Honour, Initiative, PersonYear

pytestmark = pytest.mark.django_db
HEADERS = [str(column.header) for column in HISTORY_SPEC.columns]


def workbook(*rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for row in rows:
        sheet.append([row.get(str(column.header)) for column in HISTORY_SPEC.columns])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


@pytest.fixture
def cccd_person(school):
    return org.create_person(
        actor=None, full_name="Giàng A Páo", gender=Gender.MALE, unit=school["sgd"], cccd="012345678901"
    )


GOOD = [
    {"Họ và tên": "Lò Thị Ánh", "Mã đơn vị": "SGDDT", "Năm": 2023, "Xếp loại": "HTXS", "Danh hiệu, hình thức": "CSTDCS",
     "Số quyết định": "12/QĐ-SGDĐT", "Ngày quyết định": "15/01/2024", "Cơ quan, người quyết định": "Giám đốc Sở Giáo dục và Đào tạo"},
    {"Họ và tên": "Lò Thị Ánh", "Mã đơn vị": "sgddt", "Năm": 2024, "Xếp loại": "Hoàn thành tốt nhiệm vụ",
     "Danh hiệu, hình thức": "Lao động tiên tiến", "Tên sáng kiến": "Sổ tay chủ nhiệm điện tử", "Phạm vi sáng kiến": "Cấp cơ sở",
     "Cơ quan công nhận sáng kiến": "Hội đồng sáng kiến Sở"},
    {"Số CCCD": "012345678901", "Mã đơn vị": "SGDDT", "Năm": 2024, "Xếp loại": "HT"},
    {"Đối tượng": "Tập thể", "Mã đơn vị": "SGDDT", "Năm": 2024, "Xếp loại": "HTXS", "Danh hiệu, hình thức": "TTLDXS",
     "Loại hình khen thưởng": "Thường xuyên", "Cơ quan, người quyết định": "Chủ tịch UBND tỉnh"},
]  # fmt: skip


def test_template_has_the_headers_and_a_guide(school):
    client = Client()
    client.force_login(school["accounts"]["vanthu"])
    response = client.get(reverse("records:history_template"))
    book = load_workbook(io.BytesIO(response.content))
    assert [cell.value for cell in book.worksheets[0][1]] == HEADERS
    assert book.sheetnames == ["Quá trình khen thưởng", "Hướng dẫn"]


def test_a_good_file_writes_every_line(school, cccd_person):
    outcome = run_import(HistoryImporter(), workbook(*GOOD), actor=school["accounts"]["vanthu"])
    assert (outcome.ok, outcome.errors, outcome.created, outcome.updated) == (True, [], 8, 0)
    teacher = school["teacher"]
    assert dict(PersonYear.objects.filter(person=teacher).values_list("year", "rating")) == {
        2023: "HTXS",
        2024: "HTT",
    }
    honour = Honour.objects.get(person=teacher, year=2023)
    assert (honour.code, honour.decision_number, honour.decision_date, honour.issuer) == (
        "CSTDCS",
        "12/QĐ-SGDĐT",
        datetime.date(2024, 1, 15),
        "Giám đốc Sở Giáo dục và Đào tạo",
    )
    assert list(Initiative.objects.filter(person=teacher).values_list("title", "scope", "year")) == [
        ("Sổ tay chủ nhiệm điện tử", "co_so", 2024)
    ]
    assert PersonYear.objects.get(person=cccd_person).rating == "HT"
    assert CollectiveYear.objects.get(unit=school["sgd"], year=2024).rating == "HTXS"
    assert Honour.objects.get(unit=school["sgd"]).code == "TTLDXS"


def test_importing_the_same_file_again_changes_nothing(school, cccd_person):
    run_import(HistoryImporter(), workbook(*GOOD), actor=school["accounts"]["vanthu"])
    counts = (PersonYear.objects.count(), Honour.objects.count(), Initiative.objects.count())
    outcome = run_import(HistoryImporter(), workbook(*GOOD), actor=school["accounts"]["vanthu"])
    assert (outcome.ok, outcome.created, outcome.updated) == (True, 0, 8)
    assert (PersonYear.objects.count(), Honour.objects.count(), Initiative.objects.count()) == counts


def test_one_bad_line_writes_nothing_and_every_error_is_reported(school, cccd_person):
    bad = [
        *GOOD,
        {"Họ và tên": "Không Có Ai", "Mã đơn vị": "SGDDT", "Năm": 2024, "Xếp loại": "HTT"},
        {"Họ và tên": "Lò Thị Ánh", "Mã đơn vị": "XYZ", "Năm": 2024, "Xếp loại": "Giỏi"},
        {"Họ và tên": "Lò Thị Ánh", "Mã đơn vị": "SGDDT", "Năm": 2024, "Danh hiệu, hình thức": "TTLDXS"},
        {"Số CCCD": "012345678901", "Họ và tên": "Người Khác", "Mã đơn vị": "SGDDT", "Năm": 2024},
        {"Họ và tên": "Lò Thị Ánh", "Mã đơn vị": "SGDDT", "Năm": 2023, "Xếp loại": "HT"},
    ]
    outcome = run_import(HistoryImporter(), workbook(*bad), actor=school["accounts"]["vanthu"])
    assert outcome.ok is False
    assert [str(error) for error in outcome.errors] == [
        "Dòng 6, cột «Họ và tên»: không có «Không Có Ai» trong đơn vị «SGDDT»",
        "Dòng 7, cột «Xếp loại»: «Giỏi» không có trong danh mục (chọn một trong: KHT, HT, HTT, HTXS, "
        "Không hoàn thành nhiệm vụ, Hoàn thành nhiệm vụ, Hoàn thành tốt nhiệm vụ, Hoàn thành xuất sắc nhiệm vụ)",
        "Dòng 7, cột «Mã đơn vị»: không có đơn vị mã «XYZ»",
        "Dòng 8, cột «Danh hiệu, hình thức»: «Tập thể lao động xuất sắc» không dùng cho cá nhân",
        "Dòng 9: dòng không có xếp loại, danh hiệu hay sáng kiến nào",
        "Dòng 9, cột «Họ và tên»: số CCCD này là của «Giàng A Páo», không phải «Người Khác»",
        "Dòng 10, cột «Xếp loại»: xếp loại năm 2023 của người này đã có ở dòng 2",
    ]
    assert (PersonYear.objects.count(), Honour.objects.count(), Initiative.objects.count()) == (0, 0, 0)


def test_a_clerk_cannot_import_the_records_of_another_department(school):
    org.create_person(actor=None, full_name="Phạm Thị Hà", gender=Gender.FEMALE, unit=school["syt"])
    line = {"Họ và tên": "Phạm Thị Hà", "Mã đơn vị": "SYT", "Năm": 2024, "Xếp loại": "HTT"}
    outcome = run_import(HistoryImporter(), workbook(line), actor=school["accounts"]["vanthu"])
    assert [str(error) for error in outcome.errors] == [
        "Dòng 2, cột «Họ và tên»: bạn không quản lý hồ sơ của người này",
        "Dòng 2, cột «Mã đơn vị»: đơn vị «SYT» ngoài phạm vi của bạn",
    ]


def test_the_import_page_reports_errors_and_success(school):
    client = Client()
    client.force_login(school["accounts"]["vanthu"])
    url = reverse("records:history_import")
    bad = workbook({"Họ và tên": "Không Có Ai", "Mã đơn vị": "SGDDT", "Năm": 2024, "Xếp loại": "HTT"})
    bad.name = "qua-trinh.xlsx"
    html = client.post(url, {"file": bad}).content.decode()
    assert "Không nhập được: có 1 lỗi. Chưa có dòng nào được ghi." in html
    good = workbook(GOOD[0])
    good.name = "qua-trinh.xlsx"
    response = client.post(url, {"file": good}, follow=True)
    assert "Đã nhập 1 dòng: 2 bản ghi mới, 0 bản ghi cập nhật hoặc đã có." in response.content.decode()
