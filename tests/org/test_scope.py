"""Access scope per persona: roles per unit, subtree grants, dated grants, lineage, and the permission rules."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from thidua.org import services
from thidua.org.enums import Gender, Role
from thidua.org.models import RoleGrant, User
from thidua.org.queries import compute_scope, forget_scope, scope_for, visible_people, visible_units

ALL_PEOPLE = [
    "Lò Thị Ánh",
    "Trần Tiến Dũng",
    "Nguyễn Văn Đức",
    "Hoàng Văn Em",
    "Phạm Thị Hà",
    "Tẩn Thị Mẩy",
    "Giàng A Páo",
]
ALL_UNITS = ["BANBO", "BINHLU", "SGDDT", "SYT", "TAMDUONG", "THPTCLQD", "UBND"]


@pytest.fixture
def staff(province_tree, person_factory):
    """One person in each unit of the tree."""
    placed = [
        ("Trần Tiến Dũng", province_tree.root),
        ("Nguyễn Văn Đức", province_tree.sgddt),
        ("Lò Thị Ánh", province_tree.school),
        ("Phạm Thị Hà", province_tree.syt),
        ("Hoàng Văn Em", province_tree.district),
        ("Giàng A Páo", province_tree.commune_a),
        ("Tẩn Thị Mẩy", province_tree.commune_b),
    ]
    return {name: person_factory(full_name=name, gender=Gender.MALE, unit=unit) for name, unit in placed}


def unit_codes(user) -> list[str]:
    return sorted(visible_units(user).values_list("code", flat=True))


def people_names(user) -> list[str]:
    return list(visible_people(user).values_list("full_name", flat=True))


@pytest.mark.parametrize(
    ("persona", "units", "people"),
    [
        ("admin_user", ALL_UNITS, ALL_PEOPLE),
        ("officer", ALL_UNITS, ALL_PEOPLE),
        ("clerk_sgd", ["SGDDT", "THPTCLQD"], ["Lò Thị Ánh", "Nguyễn Văn Đức"]),
        ("leader_sgd", ["SGDDT", "THPTCLQD"], ["Lò Thị Ánh", "Nguyễn Văn Đức"]),
        ("viewer_sgd", ["SGDDT"], ["Nguyễn Văn Đức"]),
        ("clerk_syt", ["SYT"], ["Phạm Thị Hà"]),
        ("block_head", ["TAMDUONG"], ["Hoàng Văn Em"]),
        ("council_member", ["UBND"], ["Trần Tiến Dũng"]),
        ("no_role_user", [], []),
    ],
)
def test_visible_units_and_people_per_persona(request, staff, persona, units, people):
    user = request.getfixturevalue(persona)
    assert unit_codes(user) == units
    assert people_names(user) == people


def test_scope_roles_per_persona(personas, province_tree):
    t = province_tree
    summary = {
        name: (
            scope_for(user).is_admin,
            {role: sorted(ids) for role, ids in scope_for(user).unit_ids_by_role.items()},
        )
        for name, user in personas.items()
    }
    every = sorted(unit.pk for unit in t.all())
    assert summary == {
        "admin_user": (True, {"admin": every}),
        "officer": (False, {"officer": every}),
        "clerk_sgd": (False, {"clerk": sorted([t.sgddt.pk, t.school.pk])}),
        "leader_sgd": (False, {"leader": sorted([t.sgddt.pk, t.school.pk])}),
        "viewer_sgd": (False, {"viewer": [t.sgddt.pk]}),
        "clerk_syt": (False, {"clerk": [t.syt.pk]}),
        "block_head": (False, {"block_head": [t.district.pk]}),
        "council_member": (False, {"council_member": [t.root.pk]}),
        "no_role_user": (False, {}),
    }


def test_outsider_sees_nothing_of_another_department(clerk_syt, staff, province_tree):
    scope = scope_for(clerk_syt)
    sgd_units = [province_tree.sgddt, province_tree.school]
    sgd_people = [staff["Nguyễn Văn Đức"], staff["Lò Thị Ánh"]]

    assert [scope.can_see_unit(unit.pk) for unit in sgd_units] == [False, False]
    assert [scope.can_edit_in_unit(unit.pk) for unit in sgd_units] == [False, False]
    assert [clerk_syt.has_perm("org.view_person", person) for person in sgd_people] == [False, False]
    assert [clerk_syt.has_perm("org.change_person", person) for person in sgd_people] == [False, False]
    assert [clerk_syt.has_perm("org.view_unit", unit) for unit in sgd_units] == [False, False]
    assert visible_people(clerk_syt).filter(pk__in=[p.pk for p in sgd_people]).count() == 0


PERMISSIONS = [
    ("org.view_person", "sgd_person"),
    ("org.view_person", "school_person"),
    ("org.change_person", "sgd_person"),
    ("org.change_person", "school_person"),
    ("org.view_unit", "school"),
    ("org.manage_units", "sgddt"),
    ("org.browse_people", None),
    ("org.browse_units", None),
    ("org.import_people", None),
    ("org.manage_accounts", None),
    ("core.view_audit_log", None),
    ("core.use_app", None),
]


def test_permission_matrix_per_persona(personas, staff, province_tree):
    objects = {
        "sgd_person": staff["Nguyễn Văn Đức"],
        "school_person": staff["Lò Thị Ánh"],
        "school": province_tree.school,
        "sgddt": province_tree.sgddt,
        None: None,
    }
    matrix = {
        name: [user.has_perm(permission, objects[target]) for permission, target in PERMISSIONS]
        for name, user in personas.items()
    }
    yes, no = True, False
    assert matrix == {
        #                 view sgd/school  change sgd/school  unit  manage browse-p browse-u import accounts audit app
        "admin_user": [yes, yes, yes, yes, yes, yes, yes, yes, yes, yes, yes, yes],
        "officer": [yes, yes, yes, yes, yes, yes, yes, yes, yes, yes, yes, yes],
        "clerk_sgd": [yes, yes, yes, yes, yes, no, yes, yes, yes, no, no, yes],
        "leader_sgd": [yes, yes, no, no, yes, no, yes, yes, no, no, no, yes],
        "viewer_sgd": [yes, no, no, no, no, no, yes, yes, no, no, no, yes],
        "clerk_syt": [no, no, no, no, no, no, yes, yes, yes, no, no, yes],
        "block_head": [no, no, no, no, no, no, yes, yes, no, no, no, yes],
        "council_member": [no, no, no, no, no, no, yes, yes, no, no, no, yes],
        "no_role_user": [no, no, no, no, no, no, no, no, no, no, no, no],
    }


def test_subtree_grant_covers_units_created_later(clerk_sgd, province_tree, unit_factory):
    new_school = unit_factory(code="THCS_MOI", parent=province_tree.school)
    assert new_school.pk in compute_scope(clerk_sgd).unit_ids()


def test_expired_and_future_grants_are_ignored(province_tree, user_factory, factories):
    user = user_factory(username="tam.thoi")
    factories.grant(
        user,
        province_tree.syt,
        Role.CLERK,
        valid_from=datetime.date(2024, 1, 1),
        valid_to=datetime.date(2024, 12, 31),
    )
    factories.grant(user, province_tree.sgddt, Role.VIEWER, valid_from=datetime.date(2030, 1, 1))

    seen = {
        day: sorted(compute_scope(user, on=day).unit_ids())
        for day in [
            datetime.date(2023, 12, 31),
            datetime.date(2024, 1, 1),
            datetime.date(2024, 12, 31),
            datetime.date(2025, 1, 1),
            datetime.date(2030, 1, 1),
        ]
    }
    assert seen == {
        datetime.date(2023, 12, 31): [],
        datetime.date(2024, 1, 1): [province_tree.syt.pk],
        datetime.date(2024, 12, 31): [province_tree.syt.pk],
        datetime.date(2025, 1, 1): [],
        datetime.date(2030, 1, 1): [province_tree.sgddt.pk],
    }
    assert unit_codes(user) == []  # today: the first grant expired, the second has not started


def test_revoked_grant_ends_access_the_day_before(clerk_sgd, officer):
    grant = RoleGrant.objects.get(user=clerk_sgd)
    today = timezone.localdate()

    services.revoke_role(grant, actor=officer, on=today)

    assert RoleGrant.objects.get(pk=grant.pk).valid_to == today - datetime.timedelta(days=1)
    assert unit_codes(User.objects.get(pk=clerk_sgd.pk)) == []


def test_inactive_and_anonymous_users_see_nothing(clerk_sgd, officer):
    services.set_account_active(clerk_sgd, actor=officer, active=False)
    assert compute_scope(User.objects.get(pk=clerk_sgd.pk)).unit_ids() == set()
    assert compute_scope(AnonymousUser()).unit_ids() == set()
    assert compute_scope(None).is_admin is False


def test_scope_is_cached_on_the_user_until_forgotten(clerk_sgd, province_tree, factories):
    before = scope_for(clerk_sgd)
    RoleGrant.objects.create(
        user=clerk_sgd, unit=province_tree.syt, role=Role.VIEWER
    )  # behind the service's back
    assert scope_for(clerk_sgd) is before
    forget_scope(clerk_sgd)
    assert province_tree.syt.pk in scope_for(clerk_sgd).unit_ids()


def test_successor_unit_sees_the_units_merged_into_it(province_tree, officer, user_factory, person_factory):
    a, b = province_tree.commune_a, province_tree.commune_b
    former = person_factory(
        full_name="Giàng A Páo", unit=a, position_title=""
    )  # no open position: stays in A
    clerk_b = user_factory(username="vanthu.banbo", roles=[(b, Role.CLERK, False)])
    assert unit_codes(clerk_b) == ["BANBO"]

    services.merge_units([a], into=b, actor=officer, date=datetime.date(2025, 7, 1))

    clerk_b = User.objects.get(pk=clerk_b.pk)
    assert unit_codes(clerk_b) == ["BANBO", "BINHLU"]
    assert people_names(clerk_b) == [former.full_name]


def test_units_split_off_a_unit_that_lives_on_get_no_access_to_it(
    province_tree, officer, user_factory, person_factory
):
    source, new = province_tree.commune_a, province_tree.commune_b
    person_factory(full_name="Giàng A Páo", unit=source, position_title="")
    clerk_new = user_factory(username="vanthu.banbo", roles=[(new, Role.CLERK, False)])

    services.split_unit(source, into=[new], actor=officer, date=datetime.date(2025, 7, 1), close_source=False)

    clerk_new = User.objects.get(pk=clerk_new.pk)
    assert unit_codes(clerk_new) == ["BANBO"]
    assert people_names(clerk_new) == []


def test_units_split_off_a_closed_unit_carry_its_history(
    province_tree, officer, user_factory, person_factory
):
    source, new = province_tree.commune_a, province_tree.commune_b
    clerk_new = user_factory(username="vanthu.banbo", roles=[(new, Role.CLERK, False)])

    services.split_unit(source, into=[new], actor=officer, date=datetime.date(2025, 7, 1))

    clerk_new = User.objects.get(pk=clerk_new.pk)
    assert unit_codes(clerk_new) == ["BANBO", "BINHLU"]


def test_only_organisation_managers_grant_roles(province_tree, clerk_sgd, officer, admin_user, user_factory):
    target = user_factory(username="nguoi.moi")

    with pytest.raises(PermissionDenied) as caught:
        services.grant_role(target, actor=clerk_sgd, unit=province_tree.school, role=Role.VIEWER)
    assert str(caught.value) == "Bạn không có quyền phân quyền tại đơn vị này."
    with pytest.raises(PermissionDenied) as caught:
        services.grant_role(target, actor=officer, unit=province_tree.root, role=Role.ADMIN)
    assert str(caught.value) == "Chỉ quản trị hệ thống mới được cấp quyền quản trị."

    grant = services.grant_role(target, actor=admin_user, unit=province_tree.root, role=Role.ADMIN)

    assert scope_for(User.objects.get(pk=target.pk)).is_admin is True
    with pytest.raises(PermissionDenied) as caught:
        services.revoke_role(grant, actor=officer)
    assert str(caught.value) == "Chỉ quản trị hệ thống mới được thu hồi quyền quản trị."
    with pytest.raises(PermissionDenied) as caught:
        services.revoke_role(RoleGrant.objects.get(user=officer), actor=clerk_sgd)
    assert str(caught.value) == "Bạn không có quyền phân quyền tại đơn vị này."
