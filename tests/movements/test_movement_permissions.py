"""Every movements page requested as every persona: who gets the page, who is refused (403), who is sent to
log in (302). The clerk of Sở Tài chính is the outsider: the movement's scope is Sở GD&ĐT and Sở Y tế."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from thidua.movements import services
from thidua.movements.models import Content, Movement, Registration, Target, Task

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
    report = services.submit_periodic_report(
        launched,
        actor=None,
        unit=province["sgd"],
        kind="so_ket",
        year=2022,
        summary="Sơ kết",
        document=SimpleUploadedFile("so-ket.pdf", b"%PDF-1.4 sk", content_type="application/pdf"),
    )
    return movement | {
        "task": task,
        "plan": plan,
        "progress": progress,
        "report": report,
        "users": province["users"],
    }


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
        (
            "tệp báo cáo",
            reverse("movements:report_document", args=[world["report"].pk]),
            ORGANISERS | {"clerk_sgd", "leader_sgd", "viewer_sgd"},
        ),
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


# POST endpoints: (url, form data, who may, what the write changes). Refused personas get 403 (anonymous: 302 to
# the login page) and change nothing; then one allowed persona, the least privileged, makes the change.


def _post_cases(world, draft):
    task, registration = world["task"], world["registration"]
    thematic = world["thematic"]
    content = draft["movement"].contents.get()
    draft_task = draft["task"]

    def exists(model, pk):
        return lambda: model.objects.filter(pk=pk).exists()

    return {
        "phát động": (
            reverse("movements:movement_launch", args=[draft["movement"].pk]),
            {"version": draft["movement"].version},
            ORGANISERS,
            lambda: Movement.objects.get(pk=draft["movement"].pk).status,
            "officer",
        ),
        "cập nhật nhiệm vụ": (
            reverse("movements:task_update", args=[task.pk]),
            {"status": "hoan_thanh", "status_note": "Xong", "version": task.version},
            ORGANISERS | {"clerk_syt"},
            lambda: Task.objects.get(pk=task.pk).status,
            "clerk_syt",
        ),
        "rút đăng ký": (
            reverse("movements:registration_withdraw", args=[registration.pk]),
            {},
            ORGANISERS | {"clerk_sgd"},
            exists(Registration, registration.pk),
            "clerk_sgd",
        ),
        "sửa chuyên đề": (
            reverse("movements:thematic_edit", args=[thematic.pk]),
            {"name": "Đổi tên", "order": 1, "reason": "Lý do", "version": thematic.version},
            ORGANISERS,
            lambda: Movement.objects.get(pk=thematic.pk).name,
            "officer",
        ),
        "đánh giá chuyên đề": (
            reverse("movements:thematic_review", args=[thematic.pk]),
            {"review": "Sơ kết tốt"},
            ORGANISERS | {"clerk_syt"},
            lambda: Movement.objects.get(pk=thematic.pk).review,
            "clerk_syt",
        ),
        "xóa nội dung": (
            reverse("movements:content_delete", args=[content.pk]),
            {},
            ORGANISERS,
            exists(Content, content.pk),
            "officer",
        ),
        "xóa chỉ tiêu": (
            reverse("movements:target_delete", args=[draft["revenue"].pk]),
            {},
            ORGANISERS,
            exists(Target, draft["revenue"].pk),
            "officer",
        ),
        "xóa nhiệm vụ": (
            reverse("movements:task_delete", args=[draft_task.pk]),
            {},
            ORGANISERS,
            exists(Task, draft_task.pk),
            "officer",
        ),
        "xóa chuyên đề": (
            reverse("movements:thematic_delete", args=[draft["thematic"].pk]),
            {},
            ORGANISERS,
            exists(Movement, draft["thematic"].pk),
            "officer",
        ),
    }


POST_CASES = [
    "phát động",
    "cập nhật nhiệm vụ",
    "rút đăng ký",
    "sửa chuyên đề",
    "đánh giá chuyên đề",
    "xóa nội dung",
    "xóa chỉ tiêu",
    "xóa nhiệm vụ",
    "xóa chuyên đề",
]


@pytest.fixture
def post_world(world, province, build_movement):
    draft = build_movement(province, launch=False)
    draft["task"] = services.add_task(draft["movement"], actor=None, title="Việc của dự thảo")
    registration = services.register_title(
        world["movement"], actor=None, unit=province["sgd"], title="TTLDTT"
    )
    return world | {"registration": registration, "draft": draft}


@pytest.mark.parametrize("name", POST_CASES)
def test_post_endpoint_refused_to_everyone_else(post_world, name):
    url, data, allowed, state, _persona = _post_cases(post_world, post_world["draft"])[name]
    before = state()
    refused = [persona for persona in PERSONAS if persona not in allowed]
    outcome = {persona: client_for(post_world, persona).post(url, data).status_code for persona in refused}
    assert outcome == {persona: 302 if persona == "anonymous" else 403 for persona in refused}
    assert state() == before


@pytest.mark.parametrize("name", POST_CASES)
def test_post_endpoint_works_for_the_least_privileged_allowed_persona(post_world, name):
    url, data, _allowed, state, persona = _post_cases(post_world, post_world["draft"])[name]
    before = state()
    assert client_for(post_world, persona).post(url, data).status_code == 302
    assert state() != before


@pytest.mark.parametrize(
    ("persona", "linked"),
    [
        ("officer", True),
        ("clerk_syt", True),
        ("clerk_sgd", False),
        ("leader_sgd", False),
        ("viewer_sgd", False),
    ],
)
def test_task_update_link_only_for_who_may_update(world, persona, linked):
    page = (
        client_for(world, persona)
        .get(reverse("movements:movement_detail", args=[world["movement"].pk]))
        .content.decode()
    )
    assert (f'href="{reverse("movements:task_update", args=[world["task"].pk])}"' in page) is linked
