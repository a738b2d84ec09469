"""Excel import of history: the template, all-or-nothing with row-by-row errors, and a second import of the same
file changing nothing."""

import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from thidua.awards.queries import person_verdicts
from thidua.core.concurrency import StaleEditError
from thidua.core.excel import RowError, run_import
from thidua.core.models import AuditEntry
from thidua.org import services as org
from thidua.org.enums import Gender
from thidua.records import services
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


# --- revoked honours and initiatives already used --------------------------------------------------------------

TEACHER = {"Họ và tên": "Lò Thị Ánh", "Mã đơn vị": "SGDDT"}
REVOKED_2023 = {
    **TEACHER, "Năm": 2023, "Xếp loại": "HTXS", "Danh hiệu, hình thức": "CSTDCS", "Số quyết định": "12/QĐ-SGDĐT",
    "Ngày quyết định": "15/01/2024", "Đã thu hồi": "có", "Lý do thu hồi": "Khai man thành tích",
    "Số quyết định thu hồi": "3/QĐ-SGDĐT", "Ngày quyết định thu hồi": "01/06/2024",
}  # fmt: skip
CSTDCS_2024 = {
    **TEACHER,
    "Năm": 2024,
    "Xếp loại": "HTXS",
    "Danh hiệu, hình thức": "CSTDCS",
    "Số quyết định": "9/QĐ-SGDĐT",
}
USED_2024 = {
    **TEACHER, "Năm": 2024, "Xếp loại": "HTT", "Danh hiệu, hình thức": "GIAY_KHEN", "Số quyết định": "5/QĐ-SGDĐT",
    "Tên sáng kiến": "Sổ tay chủ nhiệm điện tử", "Phạm vi sáng kiến": "Cấp cơ sở", "Đã dùng cho khen thưởng": "có",
}  # fmt: skip


def _import(school, *rows):
    return run_import(HistoryImporter(), workbook(*rows), actor=school["accounts"]["vanthu"])


def _verdict(person, award, year):
    return next(v for v in person_verdicts(person, year)[1] if v.award == award)


def _import_actions(since: int) -> list[str]:
    return list(AuditEntry.objects.filter(pk__gt=since).order_by("id").values_list("action", flat=True))


def test_template_has_the_revocation_and_used_initiative_columns(school):
    assert HEADERS[11:] == [
        "Đã thu hồi",
        "Lý do thu hồi",
        "Số quyết định thu hồi",
        "Ngày quyết định thu hồi",
        "Tên sáng kiến",
        "Phạm vi sáng kiến",
        "Cơ quan công nhận sáng kiến",
        "Đã dùng cho khen thưởng",
    ]


def test_a_revoked_honour_is_imported_revoked_and_does_not_count(school):
    outcome = _import(school, REVOKED_2023, CSTDCS_2024)

    assert (outcome.ok, outcome.errors, outcome.created, outcome.updated) == (True, [], 4, 0)
    honour = Honour.objects.get(person=school["teacher"], year=2023)
    assert (
        honour.revoked,
        honour.revoked_reason,
        honour.revoked_decision_number,
        honour.revoked_decision_date,
    ) == (True, "Khai man thành tích", "3/QĐ-SGDĐT", datetime.date(2024, 6, 1))
    verdict = _verdict(school["teacher"], "BK_TINH", 2024)
    assert verdict.eligible is False
    assert [(c.year, c.met, c.text) for c in verdict.criteria if c.rule == "title:CSTDCS"] == [
        (2023, False, "Năm 2023: Chiến sĩ thi đua cơ sở năm 2023 đã bị hủy bỏ, không được tính."),
        (2024, True, "Năm 2024: đã được tặng Chiến sĩ thi đua cơ sở."),
    ]


def test_the_same_honour_not_revoked_counts(school):
    not_revoked = {key: value for key, value in REVOKED_2023.items() if "thu hồi" not in key}
    outcome = _import(school, {**not_revoked, "Đã thu hồi": "không"}, CSTDCS_2024)

    assert (outcome.ok, outcome.created) == (True, 4)
    assert Honour.objects.get(person=school["teacher"], year=2023).revoked is False
    assert (
        _verdict(school["teacher"], "BK_TINH", 2024).eligible,
        _verdict(school["teacher"], "BK_TINH", 2024).route,
    ) == (True, "a")


def test_an_initiative_marked_used_is_locked_to_the_honour_of_its_line_and_does_not_count(school):
    since = AuditEntry.objects.order_by("id").last().pk
    outcome = _import(school, USED_2024)

    assert (outcome.ok, outcome.errors, outcome.created, outcome.updated) == (True, [], 3, 0)
    initiative = Initiative.objects.get(person=school["teacher"])
    honour = Honour.objects.get(person=school["teacher"], year=2024, code="GIAY_KHEN")
    assert initiative.used_for == honour
    assert _import_actions(since) == [
        "records.rating.set",
        "records.honour.create",
        "records.initiative.create",
        "records.initiative.use",
        "records.history.import",
    ]
    verdict = _verdict(school["teacher"], "CSTDCS", 2024)
    assert verdict.eligible is False
    assert [c.text for c in verdict.unmet] == [
        "Năm 2024: không đạt Hoàn thành xuất sắc nhiệm vụ và không có sáng kiến từ cấp cơ sở trở lên chưa sử dụng "
        f"năm 2024 (SK-{initiative.pk} (cấp cơ sở, năm 2024) đã được sử dụng để khen thưởng)."
    ]


def test_the_same_initiative_not_marked_used_counts(school):
    outcome = _import(school, {**USED_2024, "Đã dùng cho khen thưởng": "không"})

    assert (outcome.ok, outcome.created) == (True, 3)
    initiative = Initiative.objects.get(person=school["teacher"])
    assert initiative.used_for is None
    verdict = _verdict(school["teacher"], "CSTDCS", 2024)
    assert (verdict.eligible, verdict.initiatives) == (True, (f"SK-{initiative.pk}",))


def test_a_line_both_revoked_and_used_locks_then_revokes_and_a_second_import_changes_nothing(school):
    line = {**USED_2024, "Đã thu hồi": "có", "Lý do thu hồi": "Không đủ tiêu chuẩn"}
    since = AuditEntry.objects.order_by("id").last().pk
    first = _import(school, line)
    second = _import(school, line)

    assert [(o.ok, o.created, o.updated) for o in (first, second)] == [(True, 3, 0), (True, 0, 3)]
    honour = Honour.objects.get(person=school["teacher"])
    initiative = Initiative.objects.get(person=school["teacher"])
    assert (honour.revoked, honour.revoked_reason, honour.version) == (True, "Không đủ tiêu chuẩn", 2)
    assert (initiative.used_for, initiative.version) == (honour, 2)
    assert _import_actions(since) == [
        "records.rating.set",
        "records.honour.create",
        "records.initiative.create",
        "records.initiative.use",
        "records.honour.revoke",
        "records.history.import",
        # the second import only sets the same rating again
        "records.rating.set",
        "records.history.import",
    ]


def test_a_later_import_revokes_an_honour_and_locks_an_initiative_to_an_honour_already_revoked(school):
    initiative_columns = ("Tên sáng kiến", "Phạm vi sáng kiến", "Đã dùng cho khen thưởng")
    plain_2024 = {key: value for key, value in USED_2024.items() if key not in initiative_columns}
    _import(school, {key: value for key, value in REVOKED_2023.items() if "thu hồi" not in key}, plain_2024)
    _import(school, REVOKED_2023, {**plain_2024, "Đã thu hồi": "có", "Lý do thu hồi": "Trùng khen thưởng"})
    revoked_2024 = Honour.objects.get(person=school["teacher"], year=2024)
    assert (revoked_2024.revoked, revoked_2024.revoked_reason) == (True, "Trùng khen thưởng")

    outcome = _import(school, {**USED_2024, "Đã thu hồi": "có", "Lý do thu hồi": "Trùng khen thưởng"})

    assert (outcome.ok, outcome.errors, outcome.created, outcome.updated) == (True, [], 1, 2)
    assert list(
        Honour.objects.filter(person=school["teacher"]).values_list("year", "revoked", "revoked_reason")
    ) == [
        (2024, True, "Trùng khen thưởng"),
        (2023, True, "Khai man thành tích"),
    ]
    assert Initiative.objects.get(person=school["teacher"]).used_for == revoked_2024


def test_bad_revocation_and_used_initiative_values_give_the_error_and_write_nothing(school):
    bad = [
        {**CSTDCS_2024, "Đã thu hồi": "chưa"},
        {**CSTDCS_2024, "Năm": 2022, "Đã thu hồi": "có"},
        {**CSTDCS_2024, "Năm": 2021, "Lý do thu hồi": "Khai man"},
        {**TEACHER, "Năm": 2020, "Xếp loại": "HT", "Đã thu hồi": "có", "Lý do thu hồi": "Khai man"},
        {**REVOKED_2023, "Ngày quyết định thu hồi": "10/01/2024"},
        {**TEACHER, "Năm": 2019, "Danh hiệu, hình thức": "CSTDCS", "Đã thu hồi": "x", "Lý do thu hồi": "Sai",
         "Ngày quyết định thu hồi": "31/12/2018"},
        {**TEACHER, "Năm": 2024, "Tên sáng kiến": "Bản đồ số", "Phạm vi sáng kiến": "Cấp cơ sở",
         "Đã dùng cho khen thưởng": "có"},
        {**TEACHER, "Năm": 2018, "Xếp loại": "HT", "Đã dùng cho khen thưởng": "có"},
        {**USED_2024, "Năm": 2017, "Đã dùng cho khen thưởng": "rồi"},
    ]  # fmt: skip
    outcome = _import(school, *bad)

    assert outcome.ok is False
    assert [str(error) for error in outcome.errors] == [
        "Dòng 2, cột «Đã thu hồi»: «chưa» không hợp lệ (nhập «có» hoặc «không»)",
        "Dòng 3, cột «Lý do thu hồi»: khen thưởng đã thu hồi phải ghi lý do thu hồi",
        "Dòng 4, cột «Đã thu hồi»: có lý do hoặc quyết định thu hồi nhưng cột này không ghi «có»",
        "Dòng 5, cột «Danh hiệu, hình thức»: có thông tin thu hồi nhưng thiếu danh hiệu, hình thức bị thu hồi",
        "Dòng 6, cột «Ngày quyết định thu hồi»: ngày quyết định thu hồi trước ngày quyết định khen thưởng",
        "Dòng 7, cột «Ngày quyết định thu hồi»: ngày quyết định thu hồi trước năm được khen thưởng",
        "Dòng 8, cột «Đã dùng cho khen thưởng»: sáng kiến đã dùng phải ghi cùng dòng với khen thưởng đã dùng nó",
        "Dòng 9, cột «Đã dùng cho khen thưởng»: ghi «có» nhưng dòng không có sáng kiến",
        "Dòng 10, cột «Đã dùng cho khen thưởng»: «rồi» không hợp lệ (nhập «có» hoặc «không»)",
    ]
    assert (PersonYear.objects.count(), Honour.objects.count(), Initiative.objects.count()) == (0, 0, 0)


# --- a service refusing a line while writing ---------------------------------------------------------------------


def test_a_line_refused_while_writing_is_named_and_nothing_is_written(school):
    # Recorded by hand with its decision date; the file gives none, so only revoke_honour can see the conflict.
    services.record_honour(
        actor=None,
        person=school["teacher"],
        year=2023,
        code="CSTDCS",
        decision_number="12/QĐ-SGDĐT",
        decision_date=datetime.date(2024, 1, 15),
    )
    late = {key: value for key, value in REVOKED_2023.items() if key != "Ngày quyết định"}
    outcome = _import(school, CSTDCS_2024, {**late, "Ngày quyết định thu hồi": "10/01/2024"})

    assert [str(error) for error in outcome.errors] == [
        "Dòng 3, cột «Ngày quyết định thu hồi»: Ngày quyết định thu hồi không được trước ngày quyết định khen "
        "thưởng."
    ]
    assert (outcome.ok, outcome.rows, outcome.created) == (False, 2, 0)
    assert (PersonYear.objects.count(), Honour.objects.count(), Honour.objects.get().revoked) == (0, 1, False)


def test_a_line_refused_by_another_users_edit_is_named(school, monkeypatch):
    def refuse(*args, **kwargs):
        raise StaleEditError("Bản ghi này vừa được người khác sửa.")

    monkeypatch.setattr(services, "add_initiative", refuse)
    outcome = _import(school, CSTDCS_2024, {**USED_2024, "Năm": 2023})

    assert outcome.errors == [RowError(3, "", "Bản ghi này vừa được người khác sửa.")]
    assert (PersonYear.objects.count(), Honour.objects.count()) == (0, 0)
