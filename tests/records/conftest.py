import datetime

import pytest

from thidua.org import services as org
from thidua.org.enums import Gender, Role, UnitType
from thidua.records import services


@pytest.fixture
def school(db):
    """A department with two teachers, their officer and clerk, and an outsider clerk of another department."""
    root = org.create_unit(
        actor=None,
        code="UBND",
        short_name="UBND tỉnh",
        full_name="Ủy ban nhân dân tỉnh",
        unit_type=UnitType.PROVINCE,
    )
    sgd = org.create_unit(
        actor=None,
        code="SGDDT",
        short_name="Sở GD&ĐT",
        full_name="Sở Giáo dục và Đào tạo",
        unit_type=UnitType.DEPARTMENT,
        parent=root,
    )
    syt = org.create_unit(
        actor=None,
        code="SYT",
        short_name="Sở Y tế",
        full_name="Sở Y tế",
        unit_type=UnitType.DEPARTMENT,
        parent=root,
    )
    teacher = org.create_person(
        actor=None,
        full_name="Lò Thị Ánh",
        gender=Gender.FEMALE,
        unit=sgd,
        position_title="Giáo viên",
        position_start=datetime.date(2015, 9, 1),
    )
    colleague = org.create_person(
        actor=None,
        full_name="Vàng A Sình",
        gender=Gender.MALE,
        unit=sgd,
        position_start=datetime.date(2018, 9, 1),
    )
    accounts = {}
    for username, role, unit in [
        ("canbo", Role.OFFICER, root),
        ("vanthu", Role.CLERK, sgd),
        ("ngoai", Role.CLERK, syt),
    ]:
        user = org.create_account(actor=None, username=username, full_name=username, password="MatKhau@2026")
        org.grant_role(user, actor=None, unit=unit, role=role, include_subtree=True)
        accounts[username] = user
    return {
        "root": root,
        "sgd": sgd,
        "syt": syt,
        "teacher": teacher,
        "colleague": colleague,
        "accounts": accounts,
    }


@pytest.fixture
def bk_tinh_candidate(school):
    """Lò Thị Ánh: CSTĐCS in 2023 and 2024, rated HTXS: eligible for Bằng khen tỉnh in review year 2024."""
    teacher = school["teacher"]
    for year, rating in [(2022, "HTT"), (2023, "HTXS"), (2024, "HTXS")]:
        services.set_rating(teacher, actor=None, year=year, rating=rating)
    honours = {}
    for year in (2023, 2024):
        services.record_honour(actor=None, person=teacher, year=year, code="LDTT")
        honours[year] = services.record_honour(
            actor=None,
            person=teacher,
            year=year,
            code="CSTDCS",
            decision_number=f"1{year}/QĐ-SGDĐT",
            decision_date=datetime.date(year + 1, 1, 10),
            issuer="Giám đốc Sở Giáo dục và Đào tạo",
        )
    return honours
