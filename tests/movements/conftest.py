"""Shared fixtures for the movements tests: a small province, personas, and uploads kept in a temporary MEDIA."""

import datetime
from decimal import Decimal

import pytest

from thidua.movements import services as movement_services
from thidua.movements.achievement import Direction
from thidua.movements.models import MovementKind
from thidua.org import services
from thidua.org.enums import Gender, Role, UnitType

PASSWORD = "x" * 12


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def province():
    """UBND with Sở GD&ĐT (and a school under it), Sở Y tế and Sở Tài chính; one account per persona."""
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
    school = services.create_unit(
        actor=None,
        code="THPT",
        short_name="THPT Than Uyên",
        full_name="Trường THPT Than Uyên",
        unit_type=UnitType.SCHOOL,
        parent=sgd,
    )
    syt = services.create_unit(
        actor=None,
        code="SYT",
        short_name="Sở Y tế",
        full_name="Sở Y tế",
        unit_type=UnitType.DEPARTMENT,
        parent=root,
    )
    stc = services.create_unit(
        actor=None,
        code="STC",
        short_name="Sở Tài chính",
        full_name="Sở Tài chính",
        unit_type=UnitType.DEPARTMENT,
        parent=root,
    )
    teacher = services.create_person(
        actor=None, full_name="Nguyễn Văn Đức", gender=Gender.MALE, unit=sgd, position_title="Chuyên viên"
    )
    grants = {
        "admin": (Role.ADMIN, root, True),
        "officer": (Role.OFFICER, root, True),
        "clerk_sgd": (Role.CLERK, sgd, True),
        "leader_sgd": (Role.LEADER, sgd, True),
        "viewer_sgd": (Role.VIEWER, sgd, True),
        "clerk_syt": (Role.CLERK, syt, True),
        "clerk_stc": (Role.CLERK, stc, True),
    }
    users = {}
    for persona in [*grants, "no_role"]:
        user = services.create_account(
            actor=None, username=persona, full_name=persona, password=PASSWORD, email=f"{persona}@example.vn"
        )
        if persona in grants:
            role, unit, subtree = grants[persona]
            services.grant_role(user, actor=None, unit=unit, role=role, include_subtree=subtree)
        users[persona] = user
    return {
        "root": root,
        "sgd": sgd,
        "school": school,
        "syt": syt,
        "stc": stc,
        "teacher": teacher,
        "users": users,
    }


def make_movement(province, *, launch=True, scope=("sgd", "syt"), actor=None):
    """A 2022 movement of UBND with one content, two targets (one under the other) and a thematic movement."""
    movement = movement_services.create_movement(
        actor=actor,
        launching_unit=province["root"],
        name="Phong trào thi đua năm 2022",
        theme="Đoàn kết, sáng tạo",
        kind=MovementKind.REGULAR,
        duration="1 năm",
        period_start=datetime.date(2022, 1, 1),
        period_end=datetime.date(2022, 12, 31),
        plan_deadline=datetime.date(2022, 3, 15),
        midterm_deadline=datetime.date(2022, 6, 20),
        final_deadline=datetime.date(2022, 11, 30),
        units_in_scope=[province[key] for key in scope],
    )
    movement_services.set_content(
        movement,
        actor=actor,
        number=1,
        title="Tổ chức thực hiện",
        text="Các sở xây dựng kế hoạch.",
        sub_items=[("a", "Sở Giáo dục"), ("b", "Sở Y tế")],
    )
    schools = movement_services.add_target(
        movement,
        actor=actor,
        name="Tỷ lệ trường chuẩn quốc gia",
        unit_of_measure="%",
        direction=Direction.AT_LEAST,
        target_value=Decimal("56.3"),
        responsible_units=[province["sgd"]],
    )
    revenue = movement_services.add_target(
        movement,
        actor=actor,
        name="Thu ngân sách",
        unit_of_measure="tỷ đồng",
        direction=Direction.AT_LEAST,
        target_value=Decimal("2250"),
        cumulative=True,
        responsible_units=[province["syt"]],
    )
    thematic = movement_services.create_thematic_movement(
        movement, actor=actor, name="Dân vận khéo", lead_unit=province["syt"]
    )
    if launch:
        movement = movement_services.launch_movement(movement, actor=actor)
    return {"movement": movement, "schools": schools, "revenue": revenue, "thematic": thematic}


@pytest.fixture
def movement(province):
    return make_movement(province)


@pytest.fixture
def build_movement():
    """``make_movement`` as a fixture, for tests that need a draft or another scope."""
    return make_movement
