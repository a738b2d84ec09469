"""factory_boy factories for the foundation: units, people and accounts.

Units and people are made through the real services (``create_unit``, ``create_person``), so their tree path,
search columns and audit rows are exactly what production code would write. Accounts are made directly, with
one password hashed once per test session (hashing is deliberately slow), so persona fixtures stay fast.

Use them through the fixtures ``unit_factory``, ``person_factory`` and ``user_factory`` of tests/conftest.py.
"""

from __future__ import annotations

import datetime
import functools

import factory
from django.contrib.auth.hashers import make_password

from thidua.org import services
from thidua.org.enums import Gender, PositionLevel, Role, UnitType
from thidua.org.models import Person, RoleGrant, Unit, User

PASSWORD = "MatKhau@2026"

# Realistic names, used in turn: no randomness, so a failing test shows the same data every time.
NAMES = [
    ("Nguyễn Văn An", Gender.MALE),
    ("Trần Thị Bình", Gender.FEMALE),
    ("Lê Văn Cường", Gender.MALE),
    ("Phạm Thị Dung", Gender.FEMALE),
    ("Hoàng Văn Đông", Gender.MALE),
    ("Lò Thị Giang", Gender.FEMALE),
    ("Giàng A Hải", Gender.MALE),
    ("Tẩn Thị Hoa", Gender.FEMALE),
]


@functools.cache
def hashed_password() -> str:
    """The hash of PASSWORD, computed once per session with the project's real hasher."""
    return make_password(PASSWORD)


class UnitFactory(factory.django.DjangoModelFactory):
    """A unit created by ``services.create_unit`` (actor: the system)."""

    class Meta:
        model = Unit

    code = factory.Sequence(lambda n: f"DV{n:03d}")
    short_name = factory.Sequence(lambda n: f"Đơn vị {n}")
    full_name = factory.LazyAttribute(lambda o: f"{o.short_name} tỉnh Lai Châu")
    unit_type = UnitType.DEPARTMENT
    parent = None
    order = 0
    effective_from = None
    effective_to = None

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return services.create_unit(actor=actor, **kwargs)


class PersonFactory(factory.django.DjangoModelFactory):
    """A person created by ``services.create_person`` (actor: the system), in a new unit unless one is given."""

    class Meta:
        model = Person

    full_name = factory.Sequence(lambda n: NAMES[n % len(NAMES)][0])
    gender = factory.Sequence(lambda n: NAMES[n % len(NAMES)][1])
    unit = factory.SubFactory(UnitFactory)
    position_title = "Chuyên viên"
    position_level = PositionLevel.STAFF
    position_start = datetime.date(2020, 1, 1)
    cccd = None
    birth_date = None
    ethnicity = None

    @classmethod
    def _create(cls, model_class, *args, actor=None, **kwargs):
        return services.create_person(actor=actor, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    """A login account with password PASSWORD. ``roles`` is a list of (unit, role, include_subtree) granted
    through ``services.grant_role`` (actor: the system)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.LazyAttribute(lambda o: f"Người dùng {o.username}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@thidua.example.vn")
    password = factory.LazyFunction(hashed_password)
    is_active = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for unit, role, include_subtree in extracted or ():
            services.grant_role(self, actor=None, unit=unit, role=role, include_subtree=include_subtree)


def grant(user: User, unit: Unit, role: str, *, include_subtree: bool = False, **dates) -> RoleGrant:
    """Grant a role as the system would (no permission check)."""
    return services.grant_role(
        user, actor=None, unit=unit, role=role, include_subtree=include_subtree, **dates
    )


__all__ = [
    "NAMES",
    "PASSWORD",
    "PersonFactory",
    "Role",
    "UnitFactory",
    "UserFactory",
    "grant",
    "hashed_password",
]
