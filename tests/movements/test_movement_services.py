"""Movement services: drafting, launching (frozen text, notifications), amendments, progress judged per
direction, plans with deadline states, reminders, registrations and periodic reports."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.models import AuditEntry, Notification
from thidua.movements import queries, services
from thidua.movements.achievement import Direction, Status
from thidua.movements.models import Amendment, MovementStatus, ReportKind, TaskStatus

pytestmark = pytest.mark.django_db


def test_create_movement_is_a_draft_with_audit(province, build_movement):
    data = build_movement(province, launch=False, actor=province["users"]["officer"])
    movement = data["movement"]
    assert movement.status == MovementStatus.DRAFT
    assert [unit.code for unit in services.scope_units(movement)] == ["SGDDT", "SYT"]
    assert (
        AuditEntry.objects.filter(action="movements.movement.create", object_id=str(movement.pk)).count() == 1
    )
    assert [target.code for target in movement.targets.order_by("order")] == ["1", "2"]


def test_create_movement_refused_to_a_clerk(province, build_movement):
    with pytest.raises(PermissionDenied):
        build_movement(province, launch=False, actor=province["users"]["clerk_sgd"])


def test_launch_freezes_text_and_notifies_units_in_scope(
    province, django_capture_on_commit_callbacks, build_movement
):
    data = build_movement(province, launch=False)
    officer = province["users"]["officer"]
    with django_capture_on_commit_callbacks(execute=True):
        movement = services.launch_movement(data["movement"], actor=officer)
    assert movement.status == MovementStatus.LAUNCHED
    assert movement.launched_text["contents"] == [
        {
            "number": 1,
            "title": "Tổ chức thực hiện",
            "text": "Các sở xây dựng kế hoạch.",
            "sub_items": [["a", "Sở Giáo dục"], ["b", "Sở Y tế"]],
        }
    ]
    assert movement.launched_text["thematic_movements"] == [{"name": "Dân vận khéo", "lead_unit": "Sở Y tế"}]
    notified = sorted(Notification.objects.values_list("recipient__username", flat=True))
    assert notified == ["clerk_sgd", "clerk_syt", "leader_sgd", "viewer_sgd"]
    assert sorted(message.to[0] for message in mail.outbox) == [
        "clerk_sgd@example.vn",
        "clerk_syt@example.vn",
        "leader_sgd@example.vn",
        "viewer_sgd@example.vn",
    ]
    assert mail.outbox[0].subject == "Phát động: Phong trào thi đua năm 2022"
    assert data["thematic"].__class__.objects.get(pk=data["thematic"].pk).status == MovementStatus.LAUNCHED


def test_launch_twice_is_refused(movement):
    with pytest.raises(ValidationError, match="đã được phát động"):
        services.launch_movement(movement["movement"], actor=None)


def test_launch_without_scope_is_refused(province, build_movement):
    data = build_movement(province, launch=False, scope=())
    with pytest.raises(ValidationError) as error:
        services.launch_movement(data["movement"], actor=None)
    assert error.value.message_dict == {
        "units_in_scope": ["Hãy chọn ít nhất một đơn vị thuộc phạm vi phong trào."]
    }


def test_change_after_launch_needs_a_reason_and_becomes_an_amendment(movement):
    launched = movement["movement"]
    with pytest.raises(ValidationError) as error:
        services.update_movement(launched, actor=None, theme="Chủ đề mới")
    assert "reason" in error.value.message_dict
    launched.refresh_from_db()
    assert launched.theme == "Đoàn kết, sáng tạo"
    services.update_movement(launched, actor=None, theme="Chủ đề mới", reason="Công văn số 12/UBND-TĐKT")
    amendment = Amendment.objects.get()
    assert (amendment.number, amendment.reason) == (1, "Công văn số 12/UBND-TĐKT")
    assert amendment.before == {"theme": "Đoàn kết, sáng tạo"}
    assert amendment.after == {"theme": "Chủ đề mới"}
    launched.refresh_from_db()
    assert launched.launched_text["theme"] == "Đoàn kết, sáng tạo"  # the launched text stays frozen


def test_deadline_change_after_launch_is_not_an_amendment(movement):
    services.update_movement(movement["movement"], actor=None, plan_deadline=datetime.date(2022, 4, 1))
    assert Amendment.objects.count() == 0


def test_content_and_target_added_after_launch_are_amendments(movement):
    launched = movement["movement"]
    services.set_content(launched, actor=None, number=2, title="Nội dung bổ sung", reason="Chỉ đạo mới")
    services.add_target(
        launched,
        actor=None,
        name="Số xã đạt chuẩn nông thôn mới",
        unit_of_measure="xã",
        direction=Direction.AT_LEAST,
        target_value=Decimal(5),
        reason="Nghị quyết HĐND tỉnh",
    )
    assert list(Amendment.objects.values_list("number", "summary")) == [
        (1, "Sửa nội dung 2"),
        (2, "Bổ sung chỉ tiêu Số xã đạt chuẩn nông thôn mới"),
    ]


def test_amendment_details_have_vietnamese_labels_and_values(movement, province):
    launched = movement["movement"]
    services.update_movement(
        launched,
        actor=None,
        theme="Chủ đề mới",
        period_end=datetime.date(2022, 12, 30),
        units_in_scope=[province["sgd"], province["syt"], province["stc"]],
        reason="Công văn số 12/UBND-TĐKT",
    )
    services.set_content(
        launched, actor=None, number=1, title="Tổ chức thực hiện", sub_items=[("a", "Các sở")], reason="x"
    )
    services.update_target(
        movement["schools"],
        actor=None,
        target_value=Decimal("57"),
        direction=Direction.ABOUT,
        reason="Nghị quyết HĐND tỉnh",
    )
    services.add_task(
        launched,
        actor=None,
        title="Tuyên truyền",
        lead_unit=province["syt"],
        deadline=datetime.date(2022, 3, 31),
        reason="Bổ sung",
    )
    amendments = list(Amendment.objects.order_by("number"))
    assert [amendment.subject for amendment in amendments] == ["movement", "content", "target", "task"]
    assert amendments[0].labelled_changes == [
        ("Chủ đề", "Đoàn kết, sáng tạo", "Chủ đề mới"),
        ("Đến ngày", "31/12/2022", "30/12/2022"),
        (
            "Đơn vị thuộc phạm vi",
            "Sở Giáo dục và Đào tạo; Sở Y tế",
            "Sở Giáo dục và Đào tạo; Sở Y tế; Sở Tài chính",
        ),
    ]
    assert amendments[1].labelled_changes == [
        ("Nội dung", "Các sở xây dựng kế hoạch.", "—"),
        ("Các mục con", "a) Sở Giáo dục; b) Sở Y tế", "a) Các sở"),
    ]
    assert amendments[2].labelled_changes == [
        ("Chiều đánh giá", "Đạt ít nhất", "Khoảng"),
        ("Giá trị chỉ tiêu", "56,3", "57"),
    ]
    assert amendments[3].labelled_changes == [
        ("Công việc", "—", "Tuyên truyền"),
        ("Đơn vị chủ trì", "—", "Sở Y tế"),
        ("Là đề nghị (không phải giao nhiệm vụ)", "—", "Không"),
        ("Hạn hoàn thành", "—", "31/03/2022"),
        ("Tình trạng", "—", "Chưa thực hiện"),
    ]


def test_amendment_of_a_new_target_names_its_parent_and_units(movement, province):
    services.add_target(
        movement["movement"],
        actor=None,
        name="Trường chuẩn ở huyện nghèo",
        unit_of_measure="%",
        direction=Direction.AT_LEAST,
        target_value=Decimal("40"),
        parent=movement["schools"],
        responsible_units=[province["sgd"]],
        reason="Bổ sung",
    )
    amendment = Amendment.objects.get()
    assert (amendment.after["parent"], amendment.after["responsible_units"]) == (
        "1",
        ["Sở Giáo dục và Đào tạo"],
    )
    assert ("Chỉ tiêu cha", "—", "1") in amendment.labelled_changes
    assert ("Đơn vị chịu trách nhiệm", "—", "Sở Giáo dục và Đào tạo") in amendment.labelled_changes


def report(target, unit, value, quarter, actor=None, kind="quarter"):
    return services.report_progress(
        target,
        actor=actor,
        unit=unit,
        period_kind=kind,
        period_year=2022,
        period_index=quarter,
        value=Decimal(value),
    )


def test_progress_is_judged_when_reported(movement, province):
    schools = movement["schools"]
    assert report(schools, province["sgd"], "54.8", 2).status == Status.NGUY_CO
    assert report(schools, province["sgd"], "56.3", 4).status == Status.DAT
    corrected = report(schools, province["sgd"], "56.9", 4)
    assert (corrected.status, corrected.percent, corrected.version) == (Status.VUOT, Decimal("101.07"), 2)


def test_cumulative_progress_is_judged_by_pace(movement, province):
    revenue = movement["revenue"]
    assert report(revenue, province["syt"], "520", 1).status == Status.NGUY_CO
    on_track = report(revenue, province["syt"], "1180", 2)
    assert (on_track.status, on_track.on_track, on_track.status_label) == (Status.DAT, True, "Đạt tiến độ")


def test_decrease_by_target_met_by_a_fall_of_the_amount(province, build_movement):
    data = build_movement(province, launch=False)
    births = services.add_target(
        data["movement"],
        actor=None,
        name="Mức giảm tỷ suất sinh",
        unit_of_measure="‰",
        direction=Direction.DECREASE_BY,
        target_value=Decimal("0.4"),
        responsible_units=[province["syt"]],
    )
    assert births.measures_change is True
    services.launch_movement(data["movement"], actor=None)
    assert report(births, province["syt"], "0.4", 4).status == Status.DAT
    assert report(births, province["syt"], "0.42", 4).status == Status.VUOT
    assert report(births, province["syt"], "0.39", 4).status == Status.CHUA_DAT


def test_target_change_rejudges_reports(movement, province):
    schools = movement["schools"]
    report(schools, province["sgd"], "56.9", 4)
    services.update_target(schools, actor=None, target_value=Decimal("58"), reason="Điều chỉnh chỉ tiêu")
    assert schools.reports.get().status == Status.CHUA_DAT


def test_clerk_reports_only_for_responsible_units(movement, province):
    clerk_syt = province["users"]["clerk_syt"]
    with pytest.raises(PermissionDenied):
        report(movement["schools"], province["sgd"], "55", 2, actor=clerk_syt)
    with pytest.raises(PermissionDenied):
        report(movement["schools"], province["syt"], "55", 2, actor=clerk_syt)
    saved = report(movement["schools"], province["school"], "55", 2, actor=province["users"]["clerk_sgd"])
    assert saved.unit.code == "THPT"


def test_unit_outside_scope_cannot_report(movement, province):
    with pytest.raises(ValidationError, match="không thuộc phạm vi"):
        report(movement["schools"], province["stc"], "55", 2)


def test_period_index_out_of_range_is_refused(movement, province):
    with pytest.raises(ValidationError) as error:
        report(movement["schools"], province["sgd"], "55", 5)
    assert list(error.value.message_dict) == ["period_index"]


def test_report_on_a_draft_is_refused(province, build_movement):
    data = build_movement(province, launch=False)
    with pytest.raises(ValidationError, match="đang phát động"):
        report(data["schools"], province["sgd"], "55", 2)


def test_plan_states_filed_late_overdue_not_started(movement, province):
    launched = movement["movement"]
    services.file_plan(
        launched,
        actor=province["users"]["clerk_sgd"],
        unit=province["sgd"],
        summary="Kế hoạch năm 2022",
        document=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
    )
    rows = queries.plan_rows(launched, today=datetime.date(2022, 3, 1))
    assert [(row.unit.code, row.state.code) for row in rows] == [("SGDDT", "late"), ("SYT", "not_started")]
    rows = queries.plan_rows(launched, today=datetime.date(2022, 3, 16))
    assert [row.state.code for row in rows] == ["late", "overdue"]


def test_plan_filed_on_time(movement, province):
    on_time = datetime.datetime(2022, 3, 10, 9, tzinfo=datetime.UTC)
    services.file_plan(
        movement["movement"], actor=None, unit=province["syt"], summary="KH", submitted_at=on_time
    )
    rows = queries.plan_rows(movement["movement"], today=datetime.date(2022, 4, 1))
    assert [row.state.code for row in rows] == ["overdue", "filed"]


def test_plan_document_must_be_pdf_or_docx(movement, province):
    with pytest.raises(ValidationError) as error:
        services.file_plan(
            movement["movement"],
            actor=None,
            unit=province["sgd"],
            summary="KH",
            document=SimpleUploadedFile("ke-hoach.exe", b"MZ"),
        )
    assert error.value.message_dict == {"document": ["Chỉ nhận tệp .docx, .pdf."]}


def test_plan_refused_to_another_units_clerk(movement, province):
    with pytest.raises(PermissionDenied):
        services.file_plan(
            movement["movement"], actor=province["users"]["clerk_syt"], unit=province["sgd"], summary="KH"
        )


def test_reminders_notify_clerks_and_leaders_of_units_without_plan(
    movement, province, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    Notification.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        count = services.send_reminders(
            movement["movement"],
            actor=province["users"]["officer"],
            subject="ke-hoach",
            units=[province["sgd"]],
        )
    assert count == 2
    assert sorted(Notification.objects.values_list("recipient__username", flat=True)) == [
        "clerk_sgd",
        "leader_sgd",
    ]
    assert len(mail.outbox) == 2
    rows = queries.plan_rows(movement["movement"])
    assert rows[0].last_reminded is not None and rows[1].last_reminded is None


def test_reminders_refused_to_a_clerk(movement, province):
    with pytest.raises(PermissionDenied):
        services.send_reminders(
            movement["movement"],
            actor=province["users"]["clerk_sgd"],
            subject="ke-hoach",
            units=[province["syt"]],
        )


def test_registrations_and_totals_by_unit_and_title(movement, province):
    launched = movement["movement"]
    services.register_title(launched, actor=None, unit=province["sgd"], title="TTLDXS")
    services.register_title(
        launched, actor=None, unit=province["sgd"], title="LDTT", person=province["teacher"]
    )
    services.register_title(
        launched, actor=None, unit=province["sgd"], title="LDTT", person_name="Lò Thị Ánh"
    )
    services.register_title(launched, actor=None, unit=province["syt"], title="TTLDTT")
    with pytest.raises(ValidationError, match="đã có"):
        services.register_title(launched, actor=None, unit=province["sgd"], title="TTLDXS")
    with pytest.raises(ValidationError) as error:
        services.register_title(launched, actor=None, unit=province["sgd"], title="CSTDCS")
    assert error.value.message_dict == {"person_name": ["Danh hiệu cá nhân cần họ và tên người đăng ký."]}
    totals = queries.registration_totals(launched)
    assert [title.label for title in totals.titles] == [
        "Tập thể lao động tiên tiến",
        "Tập thể lao động xuất sắc",
        "Lao động tiên tiến",
    ]
    assert [(unit.code, numbers, total) for unit, numbers, total in totals.rows] == [
        ("SGDDT", [0, 1, 2], 3),
        ("SYT", [1, 0, 0], 1),
    ]
    assert (totals.by_title, totals.total) == ([1, 1, 2], 4)


def test_periodic_reports_status_and_aggregate(movement, province):
    launched = movement["movement"]
    services.submit_periodic_report(
        launched,
        actor=province["users"]["clerk_sgd"],
        unit=province["sgd"],
        kind=ReportKind.MIDTERM,
        year=2022,
        summary="Sơ kết",
        participants=120,
        initiatives=3,
        submitted_at=datetime.datetime(2022, 6, 18, 9, tzinfo=datetime.UTC),
    )
    services.submit_periodic_report(
        launched,
        actor=None,
        unit=province["syt"],
        kind=ReportKind.MIDTERM,
        year=2022,
        summary="Sơ kết",
        participants=80,
        initiatives=1,
        submitted_at=datetime.datetime(2022, 6, 25, 9, tzinfo=datetime.UTC),
    )
    rows = queries.report_rows(launched, ReportKind.MIDTERM, 2022, today=datetime.date(2022, 7, 1))
    assert [(row.unit.code, row.state.code) for row in rows] == [("SGDDT", "filed"), ("SYT", "late")]
    aggregate = queries.report_aggregate(launched, ReportKind.MIDTERM, 2022)
    assert (aggregate["participants"], aggregate["initiatives"], aggregate["submitted"]) == (200, 4, 2)
    assert [
        row.state.code
        for row in queries.report_rows(launched, ReportKind.FINAL, 2022, today=datetime.date(2022, 12, 1))
    ] == ["overdue", "overdue"]


def test_task_status_updated_by_assigned_unit_only(movement, province):
    task = services.add_task(
        movement["movement"], actor=None, title="Tuyên truyền", lead_unit=province["syt"], reason="Bổ sung"
    )
    with pytest.raises(PermissionDenied):
        services.update_task(task, actor=province["users"]["clerk_sgd"], status=TaskStatus.DONE)
    services.update_task(
        task, actor=province["users"]["clerk_syt"], status=TaskStatus.DONE, status_note="Xong"
    )
    task.refresh_from_db()
    assert (task.status, task.status_note) == (TaskStatus.DONE, "Xong")


def test_thematic_review_by_lead_unit(movement, province):
    thematic = movement["thematic"]
    with pytest.raises(PermissionDenied):
        services.update_thematic_review(thematic, actor=province["users"]["clerk_sgd"], review="x")
    services.update_thematic_review(thematic, actor=province["users"]["clerk_syt"], review="Sơ kết tốt")
    thematic.refresh_from_db()
    assert thematic.review == "Sơ kết tốt"


def test_thematic_review_keeps_the_lead_unit(movement, province):
    thematic = movement["thematic"]
    with pytest.raises(TypeError):
        services.update_thematic_review(thematic, actor=None, review="x", lead_unit=province["sgd"])
    services.update_thematic_review(thematic, actor=province["users"]["clerk_syt"], review="Sơ kết tốt")
    thematic.refresh_from_db()
    assert thematic.lead_unit == province["syt"]
    entry = AuditEntry.objects.filter(action="movements.thematic.review").get()
    assert (entry.before, entry.after) == ({"review": ""}, {"review": "Sơ kết tốt"})


def test_update_thematic_in_a_draft_is_no_amendment(province, build_movement):
    data = build_movement(province, launch=False)
    thematic = services.update_thematic(
        data["thematic"],
        actor=province["users"]["officer"],
        name=" Dân vận khéo giỏi ",
        theme="Vận động nhân dân",
        lead_unit=province["sgd"],
        order=3,
    )
    thematic.refresh_from_db()
    assert (thematic.name, thematic.theme, thematic.lead_unit.code, thematic.order, thematic.version) == (
        "Dân vận khéo giỏi",
        "Vận động nhân dân",
        "SGDDT",
        3,
        2,
    )
    assert Amendment.objects.count() == 0
    entry = AuditEntry.objects.filter(action="movements.thematic.update").get()
    assert entry.before == {
        "name": "Dân vận khéo",
        "theme": "",
        "lead_unit_id": province["syt"].pk,
        "order": 1,
    }
    assert entry.after == {
        "name": "Dân vận khéo giỏi",
        "theme": "Vận động nhân dân",
        "lead_unit_id": province["sgd"].pk,
        "order": 3,
    }


def test_update_thematic_after_launch_needs_a_reason_and_is_an_amendment(movement, province):
    thematic = movement["thematic"]
    with pytest.raises(ValidationError) as error:
        services.update_thematic(thematic, actor=None, name="Dân vận khéo giỏi", lead_unit=province["sgd"])
    assert error.value.message_dict == {
        "reason": ["Phong trào đã phát động: hãy ghi lý do, căn cứ của việc sửa đổi, bổ sung."]
    }
    thematic.refresh_from_db()
    assert (thematic.name, thematic.lead_unit.code) == ("Dân vận khéo", "SYT")
    services.update_thematic(
        thematic,
        actor=None,
        name="Dân vận khéo giỏi",
        lead_unit=province["sgd"],
        order=1,
        reason="Kết luận của Ban Dân vận",
    )
    amendment = Amendment.objects.get()
    assert (amendment.movement, amendment.number, amendment.reason, amendment.summary) == (
        movement["movement"],
        1,
        "Kết luận của Ban Dân vận",
        "Sửa phong trào chuyên đề Dân vận khéo giỏi",
    )
    assert amendment.before == {"name": "Dân vận khéo", "lead_unit": "Sở Y tế"}
    assert amendment.after == {"name": "Dân vận khéo giỏi", "lead_unit": "Sở Giáo dục và Đào tạo"}
    movement["movement"].refresh_from_db()
    assert movement["movement"].launched_text["thematic_movements"] == [
        {"name": "Dân vận khéo", "lead_unit": "Sở Y tế"}
    ]


def test_update_thematic_without_change_after_launch_needs_no_reason(movement):
    services.update_thematic(movement["thematic"], actor=None, name="Dân vận khéo")
    assert Amendment.objects.count() == 0


def test_update_thematic_refused_to_a_clerk_of_the_lead_unit(movement, province):
    with pytest.raises(PermissionDenied):
        services.update_thematic(
            movement["thematic"], actor=province["users"]["clerk_syt"], name="Khác", reason="x"
        )


def test_update_thematic_refuses_a_main_movement_and_a_stale_form(movement):
    with pytest.raises(ValidationError) as error:
        services.update_thematic(movement["movement"], actor=None, name="Khác", reason="x")
    assert error.value.messages == ["Đây không phải phong trào chuyên đề."]
    with pytest.raises(ValidationError, match="vừa được người khác sửa"):
        services.update_thematic(
            movement["thematic"], actor=None, expected_version=0, name="Khác", reason="x"
        )


def test_visibility_drafts_only_for_organisers(province, build_movement):
    data = build_movement(province, launch=False)
    users = province["users"]
    visible = {name for name, user in users.items() if queries.visible_movements(user).exists()}
    assert visible == {"admin", "officer"}
    services.launch_movement(data["movement"], actor=None)
    for user in users.values():
        user.__dict__.pop("_thidua_scope", None)
    visible = {name for name, user in users.items() if queries.visible_movements(user).exists()}
    assert visible == {"admin", "officer", "clerk_sgd", "leader_sgd", "viewer_sgd", "clerk_syt"}


def test_home_movements_show_the_clerks_plan_state(movement, province):
    items = queries.home_movements(province["users"]["clerk_sgd"])
    assert [(item.movement.name, item.unit.code, item.plan_state.code) for item in items] == [
        ("Phong trào thi đua năm 2022", "SGDDT", "overdue")
    ]
    assert queries.home_movements(province["users"]["clerk_stc"]) == []


LAUNCHED_REFUSAL = "Phong trào đã phát động: không xóa được, chỉ sửa đổi, bổ sung kèm lý do, căn cứ."


@pytest.fixture
def draft(province, build_movement):
    data = build_movement(province, launch=False)
    task = services.add_task(data["movement"], actor=None, letter="a", title="Tuyên truyền")
    return data | {"task": task, "content": data["movement"].contents.get(number=1)}


def test_delete_from_a_draft_removes_the_item_and_audits_it_on_the_movement(draft, province):
    officer = province["users"]["officer"]
    movement = draft["movement"]
    content_pk = draft["content"].pk
    services.delete_content(draft["content"], actor=officer)
    services.delete_target(draft["revenue"], actor=officer)
    services.delete_task(draft["task"], actor=officer)
    services.delete_thematic_movement(draft["thematic"], actor=officer)
    assert (movement.contents.count(), movement.tasks.count(), movement.thematic_movements.count()) == (
        0,
        0,
        0,
    )
    assert list(movement.targets.values_list("code", flat=True)) == ["1"]
    entries = list(
        AuditEntry.objects.filter(action__endswith=".delete", object_id=str(movement.pk)).order_by("id")
    )
    assert [(entry.action, entry.summary) for entry in entries] == [
        ("movements.content.delete", "Xóa nội dung 1 của dự thảo Phong trào thi đua năm 2022"),
        ("movements.target.delete", "Xóa chỉ tiêu 2. Thu ngân sách của dự thảo Phong trào thi đua năm 2022"),
        ("movements.task.delete", "Xóa nhiệm vụ Tuyên truyền của dự thảo Phong trào thi đua năm 2022"),
        (
            "movements.thematic.delete",
            "Xóa phong trào chuyên đề Dân vận khéo của dự thảo Phong trào thi đua năm 2022",
        ),
    ]
    assert entries[0].before == {
        "content_id": content_pk,
        "number": 1,
        "title": "Tổ chức thực hiện",
        "text": "Các sở xây dựng kế hoạch.",
        "sub_items": [["a", "Sở Giáo dục"], ["b", "Sở Y tế"]],
    }
    assert (entries[1].before["target_value"], entries[1].before["responsible_units"]) == (
        "2250",
        [province["syt"].pk],
    )
    assert {entry.actor_id for entry in entries} == {officer.pk}


@pytest.mark.parametrize("what", ["content", "target", "task", "thematic"])
def test_delete_refused_once_launched(movement, province, what):
    launched = movement["movement"]
    items = {
        "content": (services.delete_content, launched.contents.get()),
        "target": (services.delete_target, movement["revenue"]),
        "task": (services.delete_task, services.add_task(launched, actor=None, title="Việc", reason="x")),
        "thematic": (services.delete_thematic_movement, movement["thematic"]),
    }
    delete, item = items[what]
    with pytest.raises(ValidationError) as error:
        delete(item, actor=province["users"]["officer"])
    assert error.value.messages == [LAUNCHED_REFUSAL]
    assert type(item).objects.filter(pk=item.pk).exists()


def test_delete_refused_to_a_clerk(draft, province):
    with pytest.raises(PermissionDenied):
        services.delete_task(draft["task"], actor=province["users"]["clerk_sgd"])
    assert draft["movement"].tasks.count() == 1


def test_delete_target_with_sub_targets_refused(draft):
    services.add_target(
        draft["movement"],
        actor=None,
        name="Trường chuẩn ở huyện nghèo",
        unit_of_measure="%",
        direction=Direction.AT_LEAST,
        target_value=Decimal("40"),
        parent=draft["schools"],
    )
    with pytest.raises(ValidationError) as error:
        services.delete_target(draft["schools"], actor=None)
    assert error.value.messages == ["Chỉ tiêu 1 có chỉ tiêu con: hãy xóa các chỉ tiêu con trước."]
    assert list(draft["movement"].targets.order_by("code").values_list("code", flat=True)) == [
        "1",
        "1.1",
        "2",
    ]


def test_target_codes_stay_unique_after_a_deletion(draft):
    services.delete_target(draft["schools"], actor=None)
    added = services.add_target(
        draft["movement"],
        actor=None,
        name="Số lao động có việc làm mới",
        unit_of_measure="lao động",
        direction=Direction.AT_LEAST,
        target_value=Decimal("8030"),
    )
    assert list(draft["movement"].targets.order_by("order").values_list("code", flat=True)) == ["2", "3"]
    assert added.code == "3"


def test_delete_thematic_refuses_a_main_movement(draft):
    with pytest.raises(ValidationError) as error:
        services.delete_thematic_movement(draft["movement"], actor=None)
    assert error.value.messages == ["Đây không phải phong trào chuyên đề."]


def test_registration_totals_show_usage_against_the_provinces_quota(movement, province):
    from decimal import Decimal

    from thidua.awards import services as award_services
    from thidua.awards.models import RuleSetRecord
    from thidua.movements.models import Movement

    launched = movement["movement"]
    Movement.objects.filter(pk=launched.pk).update(
        period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2025, 12, 31)
    )
    launched.refresh_from_db()
    record = RuleSetRecord.objects.get(ruleset_id="luat-06-2022_nd-152-2025")
    award_services.set_quota(record, actor=None, award_code="CSTDCS", percent=Decimal("15"), of="LDTT")
    for index in range(7):
        services.register_title(
            launched, actor=None, unit=province["sgd"], title="LDTT", person_name=f"Người {index}"
        )
    for index in range(2):
        services.register_title(
            launched, actor=None, unit=province["sgd"], title="CSTDCS", person_name=f"Người {index}"
        )
    for index in range(7):
        services.register_title(
            launched, actor=None, unit=province["syt"], title="LDTT", person_name=f"Bác sĩ {index}"
        )

    totals = queries.registration_totals(launched)
    assert totals.ruleset_id == "luat-06-2022_nd-152-2025"
    [(use, award_name, of_name, over)] = totals.quota_rows()
    assert (award_name, of_name) == ("Chiến sĩ thi đua cơ sở", "Lao động tiên tiến")
    assert (use.percent, use.cap, use.used, use.over) == (Decimal("15"), 2, 2, False)  # 15% of 14 LĐTT
    assert [(unit.code, unit_use.used, unit_use.cap) for unit, unit_use in over] == [("SGDDT", 2, 1)]


def test_registration_totals_say_no_quota_applies_without_a_rule_set(movement, province):
    totals = queries.registration_totals(movement["movement"])
    assert (totals.year, totals.ruleset_id, totals.quotas) == (2022, None, [])
