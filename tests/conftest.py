"""Shared fixtures: factories, a small province tree and one account per persona.

This file is loaded for every test directory, including the pure-Python ones run with ``-p no:django``, so
nothing here imports Django or the project at import time: the factories module is loaded inside fixtures.

Fixtures
--------
``factories``                  the tests/factories.py module (UnitFactory, PersonFactory, UserFactory, grant,
                               PASSWORD)
``unit_factory``, ``person_factory``, ``user_factory``   the factory classes
``persona_password``           every persona's password ("MatKhau@2026")
``province_tree``              a ``ProvinceTree``: root UBND tỉnh; SGDDT (with the school THPTCLQD below it),
                               SYT, and the district TAMDUONG with the communes BINHLU and BANBO
``admin_user``                 system administrator (role at the root, whole tree; also Django superuser)
``officer``                    province TĐKT officer, root and whole tree
``clerk_sgd``                  clerk of SGDDT and its subtree (sees the school)
``leader_sgd``                 leader of SGDDT and its subtree
``viewer_sgd``                 viewer of SGDDT only (not its subtree)
``clerk_syt``                  clerk of SYT and its subtree: the outsider for anything of SGDDT
``block_head``                 block head at the district TAMDUONG (that unit only)
``council_member``             council member at the root (that unit only)
``no_role_user``               an active account with no role at all
``personas``                   {fixture name: user} for all nine above
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

_FACTORIES_MODULE = "thidua_tests_factories"


def _load_factories():
    """tests/factories.py, loaded by path so that it works whatever pytest's import mode is."""
    module = sys.modules.get(_FACTORIES_MODULE)
    if module is None:
        spec = importlib.util.spec_from_file_location(
            _FACTORIES_MODULE, Path(__file__).with_name("factories.py")
        )
        module = importlib.util.module_from_spec(spec)
        sys.modules[_FACTORIES_MODULE] = module
        spec.loader.exec_module(module)
    return module


@pytest.fixture
def factories():
    return _load_factories()


@pytest.fixture
def unit_factory(db, factories):
    return factories.UnitFactory


@pytest.fixture
def person_factory(db, factories):
    return factories.PersonFactory


@pytest.fixture
def user_factory(db, factories):
    return factories.UserFactory


@pytest.fixture
def persona_password(factories):
    return factories.PASSWORD


@dataclass(frozen=True)
class ProvinceTree:
    root: Any  # UBND tỉnh Lai Châu
    sgddt: Any  # Sở Giáo dục và Đào tạo
    school: Any  # Trường THPT Chuyên Lê Quý Đôn, under SGDDT
    syt: Any  # Sở Y tế
    district: Any  # Huyện Tam Đường
    commune_a: Any  # Xã Bình Lư, under the district
    commune_b: Any  # Xã Bản Bo, under the district

    def all(self) -> list:
        return [self.root, self.sgddt, self.school, self.syt, self.district, self.commune_a, self.commune_b]


@pytest.fixture
def province_tree(db, factories) -> ProvinceTree:
    from thidua.org.enums import UnitType

    make = factories.UnitFactory
    root = make(
        code="UBND",
        short_name="UBND tỉnh",
        full_name="Ủy ban nhân dân tỉnh Lai Châu",
        unit_type=UnitType.PROVINCE,
        place_name="Lai Châu",
    )
    sgddt = make(
        code="SGDDT",
        short_name="Sở GD&ĐT",
        full_name="Sở Giáo dục và Đào tạo",
        unit_type=UnitType.DEPARTMENT,
        parent=root,
        order=10,
    )
    school = make(
        code="THPTCLQD",
        short_name="THPT Chuyên Lê Quý Đôn",
        full_name="Trường THPT Chuyên Lê Quý Đôn",
        unit_type=UnitType.SCHOOL,
        parent=sgddt,
        order=10,
    )
    syt = make(
        code="SYT",
        short_name="Sở Y tế",
        full_name="Sở Y tế",
        unit_type=UnitType.DEPARTMENT,
        parent=root,
        order=20,
    )
    district = make(
        code="TAMDUONG",
        short_name="Huyện Tam Đường",
        full_name="Ủy ban nhân dân huyện Tam Đường",
        unit_type=UnitType.DISTRICT,
        parent=root,
        order=30,
    )
    commune_a = make(
        code="BINHLU",
        short_name="Xã Bình Lư",
        full_name="Ủy ban nhân dân xã Bình Lư",
        unit_type=UnitType.COMMUNE,
        parent=district,
        order=10,
    )
    commune_b = make(
        code="BANBO",
        short_name="Xã Bản Bo",
        full_name="Ủy ban nhân dân xã Bản Bo",
        unit_type=UnitType.COMMUNE,
        parent=district,
        order=20,
    )
    return ProvinceTree(root, sgddt, school, syt, district, commune_a, commune_b)


def _persona(factories, username: str, full_name: str, grants=(), **extra):
    return factories.UserFactory(username=username, full_name=full_name, roles=list(grants), **extra)


@pytest.fixture
def admin_user(factories, province_tree):
    from thidua.org.enums import Role

    return _persona(
        factories,
        "quantri",
        "Quản trị hệ thống",
        [(province_tree.root, Role.ADMIN, True)],
        is_staff=True,
        is_superuser=True,
    )


@pytest.fixture
def officer(factories, province_tree):
    from thidua.org.enums import Role

    return _persona(factories, "canbotdkt", "Vũ Thị Thu", [(province_tree.root, Role.OFFICER, True)])


@pytest.fixture
def clerk_sgd(factories, province_tree):
    from thidua.org.enums import Role

    return _persona(factories, "vanthu.sgd", "Đỗ Văn Khánh", [(province_tree.sgddt, Role.CLERK, True)])


@pytest.fixture
def leader_sgd(factories, province_tree):
    from thidua.org.enums import Role

    return _persona(factories, "lanhdao.sgd", "Bùi Quang Minh", [(province_tree.sgddt, Role.LEADER, True)])


@pytest.fixture
def viewer_sgd(factories, province_tree):
    from thidua.org.enums import Role

    return _persona(factories, "xem.sgd", "Ngô Thị Lan", [(province_tree.sgddt, Role.VIEWER, False)])


@pytest.fixture
def clerk_syt(factories, province_tree):
    from thidua.org.enums import Role

    return _persona(factories, "vanthu.syt", "Phạm Thị Hà", [(province_tree.syt, Role.CLERK, True)])


@pytest.fixture
def block_head(factories, province_tree):
    from thidua.org.enums import Role

    return _persona(
        factories, "truongkhoi", "Lò Văn Tiến", [(province_tree.district, Role.BLOCK_HEAD, False)]
    )


@pytest.fixture
def council_member(factories, province_tree):
    from thidua.org.enums import Role

    return _persona(
        factories, "hoidong", "Trần Tiến Dũng", [(province_tree.root, Role.COUNCIL_MEMBER, False)]
    )


@pytest.fixture
def no_role_user(factories, province_tree):
    return _persona(factories, "khongvaitro", "Đặng Văn Tú")


@pytest.fixture
def personas(
    admin_user,
    officer,
    clerk_sgd,
    leader_sgd,
    viewer_sgd,
    clerk_syt,
    block_head,
    council_member,
    no_role_user,
) -> dict:
    return {
        "admin_user": admin_user,
        "officer": officer,
        "clerk_sgd": clerk_sgd,
        "leader_sgd": leader_sgd,
        "viewer_sgd": viewer_sgd,
        "clerk_syt": clerk_syt,
        "block_head": block_head,
        "council_member": council_member,
        "no_role_user": no_role_user,
    }
