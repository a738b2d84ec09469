"""Browser tests: Playwright drives Debian's /usr/bin/chromium against the live test server, in Vietnamese."""

import datetime
import os

import pytest

from thidua.org import services
from thidua.org.enums import Gender, Role, UnitType

CHROMIUM = "/usr/bin/chromium"
PASSWORD = "MatKhau@2026"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def allow_orm_beside_playwright():
    """Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make are still sync.

    Set only while browser tests run (``check --deploy`` refuses it, so it must not leak into other tests).
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}


@pytest.fixture
def province(transactional_db):
    """A small province: two departments and a commune with people, and clerks and an officer (password PASSWORD)."""
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
    commune = services.create_unit(
        actor=None,
        code="X.KHONGLAO",
        short_name="Xã Khổng Lào",
        full_name="Ủy ban nhân dân xã Khổng Lào",
        unit_type=UnitType.COMMUNE,
        parent=root,
        effective_from=datetime.date(2025, 7, 1),
    )
    commune_people = {}
    for name, gender, born in [
        ("Nguyễn Văn Đức", Gender.MALE, datetime.date(1985, 3, 5)),
        ("Tao Văn Ân", Gender.MALE, datetime.date(1990, 12, 31)),
        ("Vàng Thị Anh", Gender.FEMALE, datetime.date(1979, 1, 2)),
        ("Lò Văn Bình", Gender.MALE, None),
    ]:
        commune_people[name] = services.create_person(
            actor=None,
            full_name=name,
            gender=gender,
            unit=commune,
            birth_date=born,
            position_title="Công chức",
        )
    people = {}
    for name, gender, unit in [
        ("Nguyễn Văn Đức", Gender.MALE, sgd),
        ("Lò Thị Ánh", Gender.FEMALE, sgd),
        ("Trần Văn Dũng", Gender.MALE, sgd),
        ("Giàng A Anh", Gender.MALE, sgd),
        ("Phạm Thị Hà", Gender.FEMALE, syt),
    ]:
        people[name] = services.create_person(
            actor=None, full_name=name, gender=gender, unit=unit, position_title="Chuyên viên"
        )
    accounts = {}
    for username, role, unit in [
        ("canbotdkt", Role.OFFICER, root),
        ("vanthu.sgd", Role.CLERK, sgd),
        ("vanthu.syt", Role.CLERK, syt),
        ("vanthu.khonglao", Role.CLERK, commune),
    ]:
        user = services.create_account(actor=None, username=username, full_name=username, password=PASSWORD)
        services.grant_role(user, actor=None, unit=unit, role=role, include_subtree=True)
        accounts[username] = user
    return {
        "root": root,
        "sgd": sgd,
        "syt": syt,
        "commune": commune,
        "people": people,
        "commune_people": commune_people,
        "accounts": accounts,
    }


@pytest.fixture
def login(page, live_server):
    def do_login(username, password=PASSWORD):
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()

    return do_login
