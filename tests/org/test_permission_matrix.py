"""Every page and endpoint, requested as every persona: who gets the page, who is refused.

A persona outside a unit (the clerk of Sở Y tế for Sở Giáo dục's records) must get 403 and see nothing of it.
"""

import io
import re

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from thidua.org import services
from thidua.org.enums import CouncilRole, Gender, Role, UnitType

pytestmark = pytest.mark.django_db

PERSONAS = [
    "admin",
    "officer",
    "clerk_sgd",
    "leader_sgd",
    "viewer_sgd",
    "clerk_syt",
    "block_head",
    "council_member",
    "no_role",
    "anonymous",
]
ROLE_HOLDERS = set(PERSONAS) - {"no_role", "anonymous"}
LOGGED_IN = set(PERSONAS) - {"anonymous"}
ORGANISERS = {"admin", "officer"}
SEES_SGD = {"admin", "officer", "clerk_sgd", "leader_sgd", "viewer_sgd"}
EDITS_SGD = {"admin", "officer", "clerk_sgd"}
EDITORS = {"admin", "officer", "clerk_sgd", "clerk_syt"}
SEES_ROOT = {"admin", "officer", "council_member"}


@pytest.fixture
def world():
    root = services.create_unit(
        actor=None,
        code="UBND",
        short_name="UBND tỉnh",
        full_name="Ủy ban nhân dân tỉnh Lai Châu",
        unit_type=UnitType.PROVINCE,
    )
    sgd = services.create_unit(
        actor=None,
        code="SGDDT",
        short_name="Sở GD&ĐT",
        full_name="Sở Giáo dục và Đào tạo",
        unit_type=UnitType.DEPARTMENT,
        parent=root,
    )
    syt = services.create_unit(
        actor=None,
        code="SYT",
        short_name="Sở Y tế",
        full_name="Sở Y tế",
        unit_type=UnitType.DEPARTMENT,
        parent=root,
    )
    teacher = services.create_person(actor=None, full_name="Nguyễn Văn Đức", gender=Gender.MALE, unit=sgd)
    doctor = services.create_person(actor=None, full_name="Phạm Thị Hà", gender=Gender.FEMALE, unit=syt)
    chairman = services.create_person(actor=None, full_name="Trần Tiến Dũng", gender=Gender.MALE, unit=root)
    council = services.create_council(actor=None, unit=root, name="Hội đồng Thi đua - Khen thưởng tỉnh")
    services.add_council_member(council, actor=None, person=chairman, role=CouncilRole.CHAIR)
    grants = {
        "admin": (Role.ADMIN, root, True),
        "officer": (Role.OFFICER, root, True),
        "clerk_sgd": (Role.CLERK, sgd, True),
        "leader_sgd": (Role.LEADER, sgd, True),
        "viewer_sgd": (Role.VIEWER, sgd, True),
        "clerk_syt": (Role.CLERK, syt, True),
        "block_head": (Role.BLOCK_HEAD, syt, False),
        "council_member": (Role.COUNCIL_MEMBER, root, False),
    }
    users = {}
    for persona in LOGGED_IN:
        user = services.create_account(actor=None, username=persona, full_name=persona, password="x" * 12)
        if persona in grants:
            role, unit, subtree = grants[persona]
            services.grant_role(user, actor=None, unit=unit, role=role, include_subtree=subtree)
        users[persona] = user
    return {
        "root": root,
        "sgd": sgd,
        "teacher": teacher,
        "doctor": doctor,
        "council": council,
        "users": users,
    }


def pages(world):
    """(name, url, personas allowed). Everyone else gets 403, or the login page when anonymous."""
    sgd, teacher, clerk = world["sgd"].pk, world["teacher"].pk, world["users"]["clerk_sgd"].pk
    return [
        ("tổng quan", reverse("core:home"), LOGGED_IN),
        ("thông báo", reverse("core:notifications"), LOGGED_IN),
        ("đổi mật khẩu", reverse("accounts:password_change"), LOGGED_IN),
        ("nhật ký", reverse("core:audit_log"), ORGANISERS),
        ("tra cứu", reverse("core:lookup") + "?q=nguyen", ROLE_HOLDERS),
        ("dân tộc", reverse("core:ethnicities"), ROLE_HOLDERS),
        ("chưa có", reverse("core:coming_soon", args=["quyet-dinh"]), ROLE_HOLDERS),
        ("danh sách đơn vị", reverse("org:unit_list"), ROLE_HOLDERS),
        ("xem đơn vị", reverse("org:unit_detail", args=[sgd]), SEES_SGD),
        ("thêm đơn vị", reverse("org:unit_create"), ORGANISERS),
        ("sửa đơn vị", reverse("org:unit_edit", args=[sgd]), ORGANISERS),
        ("đổi tên", reverse("org:unit_rename", args=[sgd]), ORGANISERS),
        ("sáp nhập", reverse("org:unit_merge", args=[sgd]), ORGANISERS),
        ("chia tách", reverse("org:unit_split", args=[sgd]), ORGANISERS),
        ("chuyển cấp", reverse("org:unit_move", args=[sgd]), ORGANISERS),
        ("giải thể", reverse("org:unit_dissolve", args=[sgd]), ORGANISERS),
        ("danh sách cá nhân", reverse("org:person_list"), ROLE_HOLDERS),
        ("xem cá nhân", reverse("org:person_detail", args=[teacher]), SEES_SGD),
        ("thêm cá nhân", reverse("org:person_create"), EDITORS),
        ("sửa cá nhân", reverse("org:person_edit", args=[teacher]), EDITS_SGD),
        ("chức vụ mới", reverse("org:person_position", args=[teacher]), EDITS_SGD),
        ("lưu trữ", reverse("org:person_archive", args=[teacher]), EDITS_SGD),
        ("mẫu đơn vị", reverse("org:excel_template", args=["don-vi"]), ORGANISERS),
        ("nhập đơn vị", reverse("org:excel_import", args=["don-vi"]), ORGANISERS),
        ("xuất đơn vị", reverse("org:excel_export", args=["don-vi"]), ROLE_HOLDERS),
        ("mẫu cá nhân", reverse("org:excel_template", args=["ca-nhan"]), EDITORS),
        ("nhập cá nhân", reverse("org:excel_import", args=["ca-nhan"]), EDITORS),
        ("xuất cá nhân", reverse("org:excel_export", args=["ca-nhan"]), ROLE_HOLDERS),
        ("hội đồng", reverse("org:council_list"), ROLE_HOLDERS),
        ("xem hội đồng", reverse("org:council_detail", args=[world["council"].pk]), SEES_ROOT),
        ("tài khoản", reverse("accounts:user_list"), ORGANISERS),
        ("thêm tài khoản", reverse("accounts:user_create"), ORGANISERS),
        ("xem tài khoản", reverse("accounts:user_detail", args=[clerk]), ORGANISERS),
    ]


def client_for(world, persona) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(world["users"][persona])
    return client


def test_every_page_as_every_persona(world):
    outcome = {}
    for persona in PERSONAS:
        client = client_for(world, persona)
        for name, url, _allowed in pages(world):
            outcome[(name, persona)] = client.get(url).status_code
    expected = {}
    for name, _url, allowed in pages(world):
        for persona in PERSONAS:
            if persona in allowed:
                expected[(name, persona)] = 200
            else:
                expected[(name, persona)] = 302 if persona == "anonymous" else 403
    wrong = {key: (outcome[key], expected[key]) for key in expected if outcome[key] != expected[key]}
    assert wrong == {}


WRITE_PAGES = {
    "đổi mật khẩu",
    "thêm đơn vị",
    "sửa đơn vị",
    "đổi tên",
    "sáp nhập",
    "chia tách",
    "chuyển cấp",
    "giải thể",
    "thêm cá nhân",
    "sửa cá nhân",
    "chức vụ mới",
    "lưu trữ",
    "nhập đơn vị",
    "nhập cá nhân",
    "thêm tài khoản",
}


def test_every_form_post_as_every_persona_is_refused_or_writes_nothing(world):
    """An empty POST to every form: refused (403, or the login page) for who may not use it; for who may, the form
    answers with its errors (200). Nobody writes anything."""
    from thidua.core.models import AuditEntry

    assert {name for name, _url, _allowed in pages(world)} >= WRITE_PAGES
    before = AuditEntry.objects.count()
    outcome, expected = {}, {}
    for persona in PERSONAS:
        client = client_for(world, persona)
        for name, url, allowed in pages(world):
            if name not in WRITE_PAGES:
                continue
            outcome[(name, persona)] = client.post(url, {}).status_code
            if persona in allowed:
                expected[(name, persona)] = 200
            else:
                expected[(name, persona)] = 302 if persona == "anonymous" else 403
    wrong = {key: (outcome[key], expected[key]) for key in expected if outcome[key] != expected[key]}
    assert wrong == {}
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize(
    ("name", "args"),
    [("accounts:role_revoke", "grant"), ("accounts:user_toggle_active", None)],
)
def test_account_actions_refused_to_everyone_but_organisers(world, name, args):
    target = world["users"]["clerk_sgd"]
    grant = target.role_grants.get()
    url = reverse(name, args=[target.pk, grant.pk] if args else [target.pk])
    for persona in sorted(LOGGED_IN - ORGANISERS):
        assert client_for(world, persona).post(url).status_code == 403, persona
    grant.refresh_from_db()
    target.refresh_from_db()
    assert grant.valid_to is None
    assert target.is_active is True


def test_the_outsider_sees_nothing_of_another_unit(world):
    client = client_for(world, "clerk_syt")
    listing = client.get(reverse("org:person_list")).content.decode()
    assert "Phạm Thị Hà" in listing
    assert "Nguyễn Văn Đức" not in listing
    units = client.get(reverse("org:unit_list")).content.decode()
    assert "Sở Y tế" in units
    assert "Sở Giáo dục và Đào tạo" not in units
    export = load_workbook(io.BytesIO(client.get(reverse("org:excel_export", args=["ca-nhan"])).content))
    names = [row[1] for row in export.worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert names == ["Phạm Thị Hà"]
    search = client.get(reverse("org:person_list"), {"q": "nguyen van duc"}).content.decode()
    assert "Nguyễn Văn Đức" not in search


def test_clerk_cannot_add_a_person_to_another_unit_by_forging_the_form(world):
    client = client_for(world, "clerk_syt")
    response = client.post(
        reverse("org:person_create"),
        {"full_name": "Người Lạ", "gender": "nam", "unit": world["sgd"].pk, "position_level": "chuyen_vien"},
    )
    assert response.status_code == 200  # the form refuses the unit: it is not among the choices
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()
    assert not world["sgd"].people.filter(full_name="Người Lạ").exists()


def test_every_menu_link_opens_for_every_persona(world):
    """The whole product's navigation is there, and no entry is a broken link for anyone who sees it."""
    link = re.compile(r'<a class="(?:nav-link|dropdown-item)[^"]*" (?:aria-current="page" )?href="([^"#]+)"')
    for persona in sorted(ROLE_HOLDERS):
        client = client_for(world, persona)
        urls = link.findall(client.get(reverse("core:home")).content.decode())
        assert len(urls) >= 9, persona
        broken = [url for url in urls if client.get(url).status_code != 200]
        assert broken == [], persona


def test_officer_menu_has_the_whole_product(world):
    html = client_for(world, "officer").get(reverse("core:home")).content.decode()
    labels = re.findall(r'<i aria-hidden="true" class="bi bi-[a-z0-9-]+"></i> ([^<]+)</a>', html)
    assert labels == [
        "Tổng quan",
        "Phong trào",
        "Khối thi đua",
        "Hồ sơ khen thưởng",
        "Xét điều kiện khen thưởng",
        "Đề nghị, thẩm định hồ sơ",
        "Hội đồng",
        "Quyết định",
        "Tra cứu",
        "Báo cáo",
        "Danh mục",
        "Đơn vị",
        "Cá nhân",
        "Dân tộc",
        "Quản trị",
        "Tài khoản",
        "Nhật ký thay đổi",
    ]


def test_lookup_finds_people_and_units_without_diacritics_within_scope(world):
    html = client_for(world, "clerk_sgd").get(reverse("core:lookup"), {"q": "giao duc"}).content.decode()
    assert "Sở Giáo dục và Đào tạo" in html
    html = (
        client_for(world, "clerk_sgd").get(reverse("core:lookup"), {"q": "nguyen van duc"}).content.decode()
    )
    assert "Nguyễn Văn Đức" in html
    html = (
        client_for(world, "clerk_syt").get(reverse("core:lookup"), {"q": "nguyen van duc"}).content.decode()
    )
    assert "Nguyễn Văn Đức" not in html
