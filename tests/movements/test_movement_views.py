"""Form pages write through the services: content with sub-items, amendments with a reason, tasks, reviews,
registrations, periodic reports, reminders and the public switch."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from thidua.core.models import Notification
from thidua.movements import services
from thidua.movements.models import Amendment, PeriodicReport, Registration, SubItem

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_content_form_parses_sub_items_and_needs_a_reason_once_launched(movement, province):
    client = client_for(province["users"]["officer"])
    url = reverse("movements:content_edit", args=[movement["movement"].pk])
    data = {"number": 2, "title": "Tổ chức thực hiện", "text": "", "sub_items": "a) Các sở\nb) Các huyện"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Phong trào đã phát động: hãy ghi lý do" in response.content.decode()
    response = client.post(url, data | {"reason": "Bổ sung theo chỉ đạo"})
    assert response.status_code == 302
    assert list(SubItem.objects.filter(content__number=2).values_list("letter", "text")) == [
        ("a", "Các sở"),
        ("b", "Các huyện"),
    ]
    assert Amendment.objects.get().reason == "Bổ sung theo chỉ đạo"


def test_content_form_rejects_a_sub_item_without_letter(province, build_movement):
    data = build_movement(province, launch=False)
    response = client_for(province["users"]["officer"]).post(
        reverse("movements:content_edit", args=[data["movement"].pk]),
        {"number": 2, "title": "X", "sub_items": "Các sở"},
    )
    assert "Dòng 1 chưa bắt đầu bằng ký hiệu như «a)»." in response.content.decode()


def test_task_status_form_for_the_lead_unit(movement, province):
    task = services.add_task(
        movement["movement"], actor=None, title="Tuyên truyền", lead_unit=province["syt"], reason="x"
    )
    response = client_for(province["users"]["clerk_syt"]).post(
        reverse("movements:task_update", args=[task.pk]),
        {"status": "hoan_thanh", "status_note": "Đã đăng 12 tin bài", "version": task.version},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.status_note) == ("hoan_thanh", "Đã đăng 12 tin bài")


def test_registration_form_for_an_individual(movement, province):
    response = client_for(province["users"]["clerk_sgd"]).post(
        reverse("movements:registration_create", args=[movement["movement"].pk]),
        {"unit": province["sgd"].pk, "title": "CSTDCS", "person": province["teacher"].pk},
    )
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert (registration.person_name, registration.kind, registration.unit.code) == (
        "Nguyễn Văn Đức",
        "ca_nhan",
        "SGDDT",
    )
    page = client_for(province["users"]["officer"]).get(
        reverse("movements:registration_list", args=[movement["movement"].pk])
    )
    html = page.content.decode()
    assert "Chiến sĩ thi đua cơ sở" in html
    assert "Chưa có bộ quy tắc cho năm 2022: không áp dụng hạn mức." in html


def test_registration_page_shows_a_unit_over_the_quota(movement, province):
    import datetime
    import re
    from decimal import Decimal

    from thidua.awards import services as award_services
    from thidua.awards.models import RuleSetRecord
    from thidua.movements.models import Movement

    launched = movement["movement"]
    Movement.objects.filter(pk=launched.pk).update(
        period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2025, 12, 31)
    )
    record = RuleSetRecord.objects.get(ruleset_id="luat-06-2022_nd-152-2025")
    award_services.set_quota(record, actor=None, award_code="CSTDCS", percent=Decimal("15"), of="LDTT")
    for index in range(7):
        services.register_title(
            launched, actor=None, unit=province["sgd"], title="LDTT", person_name=f"A {index}"
        )
    for index in range(2):
        services.register_title(
            launched, actor=None, unit=province["sgd"], title="CSTDCS", person_name=f"B {index}"
        )
    html = (
        client_for(province["users"]["officer"])
        .get(reverse("movements:registration_list", args=[launched.pk]))
        .content.decode()
    )
    section = re.search(r'data-testid="registration-quotas".*?</section>', html, re.S).group(0)
    row = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section))
    assert (
        "Chiến sĩ thi đua cơ sở ≤ 15% số Lao động tiên tiến 2 / 1 vượt Sở Giáo dục và Đào tạo: 2 / 1" in row
    )


def test_withdraw_registration(movement, province):
    registration = services.register_title(
        movement["movement"], actor=None, unit=province["sgd"], title="TTLDTT"
    )
    assert (
        client_for(province["users"]["clerk_syt"])
        .post(reverse("movements:registration_withdraw", args=[registration.pk]))
        .status_code
        == 403
    )
    assert (
        client_for(province["users"]["clerk_sgd"])
        .post(reverse("movements:registration_withdraw", args=[registration.pk]))
        .status_code
        == 302
    )
    assert Registration.objects.count() == 0


def test_periodic_report_form_with_document(movement, province):
    response = client_for(province["users"]["clerk_sgd"]).post(
        reverse("movements:report_submit", args=[movement["movement"].pk]),
        {
            "unit": province["sgd"].pk,
            "kind": "so_ket",
            "year": 2022,
            "summary": "Sơ kết 6 tháng",
            "participants": 300,
            "initiatives": 4,
            "exemplary_models": 2,
            "collectives_commended": 0,
            "individuals_commended": 5,
            "document": SimpleUploadedFile(
                "so-ket.docx", b"PK docx", content_type="application/octet-stream"
            ),
        },
    )
    assert response.status_code == 302
    report = PeriodicReport.objects.get()
    assert (report.participants, report.initiatives, report.document.name.endswith("so-ket.docx")) == (
        300,
        4,
        True,
    )
    download = client_for(province["users"]["officer"]).get(
        reverse("movements:report_document", args=[report.pk])
    )
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"PK docx"


def test_reminder_button_reminds_units_without_plan(movement, province, django_capture_on_commit_callbacks):
    Notification.objects.all().delete()
    mail.outbox.clear()
    services.file_plan(movement["movement"], actor=None, unit=province["sgd"], summary="KH")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(province["users"]["officer"]).post(
            reverse("movements:send_reminders", args=[movement["movement"].pk]), {"subject": "ke-hoach"}
        )
    assert response.status_code == 302
    assert list(Notification.objects.values_list("recipient__username", "title")) == [
        ("clerk_syt", "Nhắc nộp kế hoạch thực hiện phong trào: Phong trào thi đua năm 2022")
    ]
    assert [message.to for message in mail.outbox] == [["clerk_syt@example.vn"]]


def test_public_switch(movement, province):
    client = client_for(province["users"]["officer"])
    url = reverse("movements:movement_public_toggle", args=[movement["movement"].pk])
    client.post(url, {"public": "1"})
    movement["movement"].refresh_from_db()
    assert movement["movement"].public_progress is True
    client.post(url, {"public": "0"})
    movement["movement"].refresh_from_db()
    assert movement["movement"].public_progress is False


def test_dashboard_filter_by_unit(movement, province):
    from decimal import Decimal

    services.report_progress(
        movement["schools"],
        actor=None,
        unit=province["school"],
        period_kind="quarter",
        period_year=2022,
        period_index=1,
        value=Decimal("50"),
    )
    services.report_progress(
        movement["revenue"],
        actor=None,
        unit=province["syt"],
        period_kind="quarter",
        period_year=2022,
        period_index=1,
        value=Decimal("600"),
    )
    client = client_for(province["users"]["officer"])
    url = reverse("movements:dashboard", args=[movement["movement"].pk])
    page = client.get(url, {"don_vi": province["sgd"].pk}).content.decode()
    assert "50 %" in page
    assert "600 tỷ đồng" not in page
    page = client.get(url).content.decode()
    assert "600 tỷ đồng" in page


def test_thematic_edit_form_needs_a_reason_once_launched(movement, province):
    thematic = movement["thematic"]
    client = client_for(province["users"]["officer"])
    url = reverse("movements:thematic_edit", args=[thematic.pk])
    page = client.get(url).content.decode()
    assert 'value="Dân vận khéo"' in page
    assert "Lý do, căn cứ sửa đổi" in page
    data = {
        "name": "Dân vận khéo giỏi",
        "theme": "",
        "lead_unit": province["sgd"].pk,
        "order": 1,
        "version": thematic.version,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Phong trào đã phát động: hãy ghi lý do" in response.content.decode()
    response = client.post(url, data | {"reason": "Kết luận của Ban Dân vận"})
    assert response.status_code == 302
    assert response["Location"] == reverse("movements:movement_detail", args=[movement["movement"].pk]) + (
        "#chuyen-de"
    )
    thematic.refresh_from_db()
    assert (thematic.name, thematic.lead_unit.code) == ("Dân vận khéo giỏi", "SGDDT")
    assert list(Amendment.objects.values_list("summary", "reason")) == [
        ("Sửa phong trào chuyên đề Dân vận khéo giỏi", "Kết luận của Ban Dân vận")
    ]


def test_thematic_edit_form_of_a_draft_has_no_reason(province, build_movement):
    data = build_movement(province, launch=False)
    client = client_for(province["users"]["officer"])
    url = reverse("movements:thematic_edit", args=[data["thematic"].pk])
    assert "Lý do, căn cứ sửa đổi" not in client.get(url).content.decode()
    response = client.post(url, {"name": "Dân vận khéo", "theme": "Chủ đề", "order": 2})
    assert response.status_code == 302
    data["thematic"].refresh_from_db()
    assert (data["thematic"].theme, data["thematic"].lead_unit, data["thematic"].order) == ("Chủ đề", None, 2)
    assert Amendment.objects.count() == 0


def test_movement_edit_of_a_thematic_movement_goes_to_its_form(movement, province):
    response = client_for(province["users"]["officer"]).get(
        reverse("movements:movement_edit", args=[movement["thematic"].pk])
    )
    assert response["Location"] == reverse("movements:thematic_edit", args=[movement["thematic"].pk])


@pytest.mark.parametrize(
    ("persona", "links"),
    [
        ("officer", ["sua", "danh-gia"]),
        ("clerk_syt", ["danh-gia"]),
        ("clerk_sgd", []),
        ("leader_sgd", []),
    ],
)
def test_thematic_links_only_for_who_may_use_them(movement, province, persona, links):
    thematic = movement["thematic"]
    page = (
        client_for(province["users"][persona])
        .get(reverse("movements:movement_detail", args=[movement["movement"].pk]))
        .content.decode()
    )
    urls = {
        "sua": reverse("movements:thematic_edit", args=[thematic.pk]),
        "danh-gia": reverse("movements:thematic_review", args=[thematic.pk]),
    }
    assert [name for name, url in urls.items() if f'href="{url}"' in page] == links


@pytest.fixture
def evidence_report(movement, province):
    from decimal import Decimal

    return services.report_progress(
        movement["schools"],
        actor=province["users"]["clerk_sgd"],
        unit=province["sgd"],
        period_kind="quarter",
        period_year=2022,
        period_index=2,
        value=Decimal("54.8"),
        note="Số liệu của phòng Kế hoạch - Tài chính",
        evidence=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 bien ban", content_type="application/pdf"),
    )


def test_evidence_download_serves_the_file(evidence_report, province):
    response = client_for(province["users"]["leader_sgd"]).get(
        reverse("movements:progress_evidence", args=[evidence_report.pk])
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="bien-ban.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 bien ban"


def test_evidence_download_of_a_report_without_file_is_404(movement, province):
    from decimal import Decimal

    report = services.report_progress(
        movement["revenue"],
        actor=None,
        unit=province["syt"],
        period_kind="quarter",
        period_year=2022,
        period_index=1,
        value=Decimal("600"),
    )
    response = client_for(province["users"]["officer"]).get(
        reverse("movements:progress_evidence", args=[report.pk])
    )
    assert response.status_code == 404


def _chart_table(page: str, code: str) -> str:
    start = page.index(f'data-testid="chart-table-{code}"')
    return page[start : page.index("</table>", start)]


@pytest.mark.parametrize(
    ("persona", "with_link"), [("officer", True), ("clerk_sgd", True), ("clerk_syt", False)]
)
def test_dashboard_table_view_shows_note_and_evidence_link(
    evidence_report, movement, province, persona, with_link
):
    page = (
        client_for(province["users"][persona])
        .get(reverse("movements:dashboard", args=[movement["movement"].pk]))
        .content.decode()
    )
    table = _chart_table(page, "1")
    link = f'href="{reverse("movements:progress_evidence", args=[evidence_report.pk])}"'
    assert "Số liệu của phòng Kế hoạch - Tài chính" in table
    assert (link in table, "Tải minh chứng" in table) == (with_link, with_link)


def test_recent_reports_show_note_and_evidence_link(evidence_report, movement, province):
    page = (
        client_for(province["users"]["clerk_sgd"])
        .get(reverse("movements:progress_report", args=[movement["schools"].pk]))
        .content.decode()
    )
    start = page.index('data-testid="recent-reports"')
    table = page[start : page.index("</table>", start)]
    assert "Số liệu của phòng Kế hoạch - Tài chính" in table
    assert f'href="{reverse("movements:progress_evidence", args=[evidence_report.pk])}"' in table


def test_movement_page_shows_amendment_details_with_vietnamese_labels(movement, province):
    from decimal import Decimal

    services.update_target(movement["schools"], actor=None, target_value=Decimal("57"), reason="Nghị quyết")
    page = (
        client_for(province["users"]["officer"])
        .get(reverse("movements:movement_detail", args=[movement["movement"].pk]))
        .content.decode()
    )
    start = page.index('data-testid="amendments"')
    details = page[start : page.index("</ol>", start)]
    assert "Giá trị chỉ tiêu</span>: 56,3 → 57" in details
    assert "target_value" not in details


def _delete_urls(data, task):
    return {
        "content": reverse("movements:content_delete", args=[data["movement"].contents.get().pk]),
        "target": reverse("movements:target_delete", args=[data["revenue"].pk]),
        "task": reverse("movements:task_delete", args=[task.pk]),
        "thematic": reverse("movements:thematic_delete", args=[data["thematic"].pk]),
    }


def test_draft_page_offers_delete_buttons_and_they_delete(province, build_movement):
    data = build_movement(province, launch=False)
    task = services.add_task(data["movement"], actor=None, title="Tuyên truyền")
    client = client_for(province["users"]["officer"])
    detail = reverse("movements:movement_detail", args=[data["movement"].pk])
    urls = _delete_urls(data, task)
    page = client.get(detail).content.decode()
    assert [name for name, url in urls.items() if f'action="{url}"' in page] == [
        "content",
        "target",
        "task",
        "thematic",
    ]
    assert 'data-confirm="Xóa chỉ tiêu 2. Thu ngân sách khỏi dự thảo?"' in page
    assert client.get(urls["task"]).status_code == 405
    response = client.post(urls["target"], follow=True)
    assert response.redirect_chain == [(f"{detail}#chi-tieu", 302)]
    assert "Đã xóa chỉ tiêu 2. Thu ngân sách." in response.content.decode()
    for name in ["content", "task", "thematic"]:
        assert client.post(urls[name]).status_code == 302
    movement = data["movement"]
    assert (
        movement.contents.count(),
        movement.targets.count(),
        movement.tasks.count(),
        movement.thematic_movements.count(),
    ) == (0, 1, 0, 0)


def test_launched_movement_offers_no_delete_and_refuses_it_with_a_message(movement, province):
    task = services.add_task(movement["movement"], actor=None, title="Tuyên truyền", reason="x")
    client = client_for(province["users"]["officer"])
    detail = reverse("movements:movement_detail", args=[movement["movement"].pk])
    urls = _delete_urls(movement, task)
    page = client.get(detail).content.decode()
    assert [name for name, url in urls.items() if url in page] == []
    response = client.post(urls["thematic"], follow=True)
    assert response.redirect_chain == [(f"{detail}#chuyen-de", 302)]
    assert (
        "Phong trào đã phát động: không xóa được, chỉ sửa đổi, bổ sung kèm lý do, căn cứ."
        in response.content.decode()
    )
    assert movement["movement"].thematic_movements.count() == 1


@pytest.mark.parametrize("year", ["2022abc", "hai nghìn", "2030"])
def test_reminder_with_a_bad_year_gives_a_message_not_an_error(movement, province, year):
    from thidua.movements.models import Reminder

    response = client_for(province["users"]["officer"]).post(
        reverse("movements:send_reminders", args=[movement["movement"].pk]),
        {"subject": "so-ket", "nam": year},
        follow=True,
    )
    report_list = reverse("movements:report_list", args=[movement["movement"].pk])
    assert response.redirect_chain == [(f"{report_list}?loai=so_ket", 302)]
    assert [str(message) for message in response.context["messages"]] == [
        f"Năm «{year}» không hợp lệ: hãy chọn một năm từ 2022 đến 2022."
    ]
    assert Reminder.objects.count() == 0


def test_reminder_for_a_year_end_report_of_the_year(movement, province):
    from thidua.movements.models import Reminder

    response = client_for(province["users"]["officer"]).post(
        reverse("movements:send_reminders", args=[movement["movement"].pk]),
        {"subject": "tong-ket", "nam": "2022"},
    )
    report_list = reverse("movements:report_list", args=[movement["movement"].pk])
    assert response["Location"] == f"{report_list}?loai=tong_ket&nam=2022"
    assert sorted(Reminder.objects.values_list("unit__code", "subject")) == [
        ("SGDDT", "tong-ket"),
        ("SYT", "tong-ket"),
    ]
