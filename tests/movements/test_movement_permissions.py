"""Every movements page requested as every persona: who gets the page, who is refused (403), who is sent to
log in (302). The clerk of Sở Tài chính is the outsider: the movement's scope is Sở GD&ĐT and Sở Y tế."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from thidua.movements import services

pytestmark = pytest.mark.django_db

PERSONAS = [
    "admin",
    "officer",
    "clerk_sgd",
    "leader_sgd",
    "viewer_sgd",
    "clerk_syt",
    "clerk_stc",
    "no_role",
    "anonymous",
]
ROLE_HOLDERS = {"admin", "officer", "clerk_sgd", "leader_sgd", "viewer_sgd", "clerk_syt", "clerk_stc"}
ORGANISERS = {"admin", "officer"}
SEES = ORGANISERS | {"clerk_sgd", "leader_sgd", "viewer_sgd", "clerk_syt"}
TAKES_PART = ORGANISERS | {"clerk_sgd", "clerk_syt"}


@pytest.fixture
def world(movement, province):
    launched = movement["movement"]
    services.update_movement(
        launched,
        actor=None,
        reason="Đính kèm văn bản gốc",
        source_document=SimpleUploadedFile(
            "chi-thi.pdf", b"%PDF-1.4 chi thi", content_type="application/pdf"
        ),
    )
    task = services.add_task(
        launched, actor=None, title="Tuyên truyền", lead_unit=province["syt"], reason="Bổ sung"
    )
    plan = services.file_plan(
        launched,
        actor=None,
        unit=province["sgd"],
        summary="KH",
        document=SimpleUploadedFile("ke-hoach.pdf", b"%PDF-1.4 kh", content_type="application/pdf"),
    )
    progress = services.report_progress(
        movement["schools"],
        actor=None,
        unit=province["sgd"],
        period_kind="quarter",
        period_year=2022,
        period_index=2,
        value=Decimal("54.8"),
        evidence=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 mc", content_type="application/pdf"),
    )
    return movement | {"task": task, "plan": plan, "progress": progress, "users": province["users"]}


def pages(world):
    pk = world["movement"].pk
    return [
        ("danh sách", reverse("movements:movement_list"), ROLE_HOLDERS),
        ("thêm phong trào", reverse("movements:movement_create"), ORGANISERS),
        ("xem phong trào", reverse("movements:movement_detail", args=[pk]), SEES),
        ("sửa phong trào", reverse("movements:movement_edit", args=[pk]), ORGANISERS),
        ("nội dung", reverse("movements:content_edit", args=[pk]), ORGANISERS),
        ("thêm chuyên đề", reverse("movements:thematic_create", args=[pk]), ORGANISERS),
        ("sửa chuyên đề", reverse("movements:thematic_edit", args=[world["thematic"].pk]), ORGANISERS),
        (
            "đánh giá chuyên đề",
            reverse("movements:thematic_review", args=[world["thematic"].pk]),
            ORGANISERS | {"clerk_syt"},
        ),
        ("giao nhiệm vụ", reverse("movements:task_create", args=[pk]), ORGANISERS),
        (
            "cập nhật nhiệm vụ",
            reverse("movements:task_update", args=[world["task"].pk]),
            ORGANISERS | {"clerk_syt"},
        ),
        ("thêm chỉ tiêu", reverse("movements:target_create", args=[pk]), ORGANISERS),
        ("sửa chỉ tiêu", reverse("movements:target_edit", args=[world["schools"].pk]), ORGANISERS),
        (
            "báo cáo tiến độ",
            reverse("movements:progress_report", args=[world["schools"].pk]),
            ORGANISERS | {"clerk_sgd"},
        ),
        ("phát động", reverse("movements:movement_launch", args=[pk]), ORGANISERS),
        ("văn bản gốc", reverse("movements:source_document", args=[pk]), SEES),
        ("bảng theo dõi", reverse("movements:dashboard", args=[pk]), SEES),
        ("xuất tiến độ", reverse("movements:progress_export", args=[pk]), SEES),
        ("mẫu tiến độ", reverse("movements:progress_template", args=[pk]), TAKES_PART),
        ("nhập tiến độ", reverse("movements:progress_import", args=[pk]), TAKES_PART),
        ("kế hoạch các đơn vị", reverse("movements:plan_list", args=[pk]), ORGANISERS),
        ("nộp kế hoạch", reverse("movements:plan_file", args=[pk]), TAKES_PART),
        (
            "tệp kế hoạch",
            reverse("movements:plan_document", args=[world["plan"].pk]),
            ORGANISERS | {"clerk_sgd", "leader_sgd", "viewer_sgd"},
        ),
        (
            "minh chứng tiến độ",
            reverse("movements:progress_evidence", args=[world["progress"].pk]),
            ORGANISERS | {"clerk_sgd", "leader_sgd", "viewer_sgd"},
        ),
        ("đăng ký", reverse("movements:registration_list", args=[pk]), TAKES_PART),
        ("thêm đăng ký", reverse("movements:registration_create", args=[pk]), TAKES_PART),
        ("mẫu đăng ký", reverse("movements:registration_template", args=[pk]), TAKES_PART),
        ("nhập đăng ký", reverse("movements:registration_import", args=[pk]), TAKES_PART),
        ("sơ kết, tổng kết", reverse("movements:report_list", args=[pk]), ORGANISERS),
        ("nộp báo cáo", reverse("movements:report_submit", args=[pk]), TAKES_PART),
    ]


def client_for(world, persona) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world["users"][persona])
    return client


def test_every_page_as_every_persona(world):
    outcome, expected = {}, {}
    for persona in PERSONAS:
        client = client_for(world, persona)
        for name, url, allowed in pages(world):
            outcome[(name, persona)] = client.get(url).status_code
            if persona in allowed:
                expected[(name, persona)] = 200
            else:
                expected[(name, persona)] = 302 if persona == "anonymous" else 403
    wrong = {key: (outcome[key], expected[key]) for key in expected if outcome[key] != expected[key]}
    assert wrong == {}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("movements:movement_close", {}),
        ("movements:movement_public_toggle", {"public": "1"}),
        ("movements:send_reminders", {"subject": "ke-hoach"}),
    ],
)
def test_organiser_actions_refused_to_everyone_else(world, name, data):
    url = reverse(name, args=[world["movement"].pk])
    for persona in sorted(set(PERSONAS) - ORGANISERS - {"anonymous"}):
        assert client_for(world, persona).post(url, data).status_code == 403, persona
    assert client_for(world, "anonymous").post(url, data).status_code == 302
    world["movement"].refresh_from_db()
    assert (world["movement"].status, world["movement"].public_progress) == ("phat_dong", False)


def test_public_page_only_when_switched_on(world):
    movement = world["movement"]
    url = reverse("movements:public_progress", args=[movement.public_key])
    assert Client().get(url).status_code == 404
    services.set_public_progress(movement, actor=None, public=True)
    response = Client().get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tỷ lệ trường chuẩn quốc gia" in page
    assert "Nguy cơ không đạt" in page
    assert "Nguyễn Văn Đức" not in page
    assert "clerk_sgd" not in page


def test_the_outsider_sees_nothing_of_the_movement(world):
    client = client_for(world, "clerk_stc")
    assert (
        "Phong trào thi đua năm 2022" not in client.get(reverse("movements:movement_list")).content.decode()
    )
    assert "Phong trào thi đua năm 2022" not in client.get(reverse("core:home")).content.decode()


def test_clerk_cannot_file_a_plan_for_another_unit_by_forging_the_form(world, province):
    client = client_for(world, "clerk_syt")
    response = client.post(
        reverse("movements:plan_file", args=[world["movement"].pk]),
        {"unit": province["sgd"].pk, "summary": "Giả"},
    )
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert world["plan"].__class__.objects.get(pk=world["plan"].pk).summary == "KH"
