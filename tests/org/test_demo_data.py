"""The Lai Châu demo data: ``manage.py load_demo`` loads it through the services, exactly and repeatably."""

import datetime
import io
import random
from collections import Counter

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings

from thidua.core.models import AuditEntry
from thidua.org import demo
from thidua.org.enums import CouncilRole, LinkSide, Role, UnitEventKind
from thidua.org.models import Council, Employment, Person, RoleGrant, Unit, UnitEvent
from thidua.org.queries import compute_scope, lineage_successors, search_people

pytestmark = pytest.mark.django_db

LAI_CHAU_GROUPS = ["Cống", "Dao", "Giáy", "Hà Nhì", "Kinh", "La Hủ", "Lự", "Mảng", "Mông", "Si La", "Thái"]
DISTRICT_CODES = ["HMT", "HNN", "HPT", "HSH", "HTD", "HTNU", "HTU", "TPLC"]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module (with ``--if-empty`` on the empty test database) and rolled back
    at the end. The tests only read. The eight PBKDF2 hashes take ~3 s of the ~3.5 s load, so a fast hasher
    is used here; the data does not depend on it."""
    out = io.StringIO()
    fast = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
    with django_db_blocker.unblock(), fast, transaction.atomic():
        call_command("load_demo", "--if-empty", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_load_demo_creates_the_designed_counts(loaded):
    assert "Đã nạp thidua.org.demo" in loaded
    assert Unit.objects.count() == 100
    assert Unit.objects.filter(effective_to__isnull=True).count() == 57
    assert Person.objects.count() == 300
    assert Employment.objects.count() == 392
    assert sorted(get_user_model().objects.values_list("username", flat=True)) == [
        "canbotdkt",
        "hoidong",
        "lanhdao.sgd",
        "quantri",
        "truongkhoi",
        "vanthu.sgd",
        "vanthu.syt",
        "xemtin",
    ]


def test_load_demo_unit_tree_has_root_and_key_units(loaded):
    root = Unit.objects.get(code="UBND")
    assert (root.full_name, root.unit_type, root.place_name, root.parent_id) == (
        "Ủy ban nhân dân tỉnh Lai Châu",
        "tinh",
        "Lai Châu",
        None,
    )
    assert Unit.objects.get(code="BTDKT").parent.code == "SNV"
    assert Unit.objects.get(code="BVDK").parent.code == "SYT"
    assert Unit.objects.get(code="THPTCLQD").parent.code == "SGDDT"
    assert Unit.objects.filter(effective_from__isnull=True).count() == 0
    active_children = Unit.objects.filter(parent=root, effective_to__isnull=True)
    assert active_children.filter(unit_type="xa").count() == 18  # 16 new communes and 2 moved ones
    assert active_children.filter(unit_type="huyen").count() == 0


def test_load_demo_merges_sttttt_into_skhcn_and_moves_its_people(loaded):
    stttt = Unit.objects.get(code="STTTT")
    assert [unit.code for unit in lineage_successors(stttt)] == ["SKHCN"]
    assert stttt.effective_to == datetime.date(2025, 2, 28)
    assert Person.objects.filter(unit=stttt).count() == 0
    assert Person.objects.filter(unit__code="SKHCN").count() == 10


def test_load_demo_two_tier_reform_dissolves_districts(loaded):
    districts = Unit.objects.filter(unit_type="huyen").order_by("code")
    assert [(unit.code, unit.effective_to) for unit in districts] == [
        (code, datetime.date(2025, 6, 30)) for code in DISTRICT_CODES
    ]
    dissolved = UnitEvent.objects.filter(kind=UnitEventKind.DISSOLVED)
    assert sorted(dissolved.values_list("links__unit__code", flat=True)) == DISTRICT_CODES
    assert Counter(UnitEvent.objects.values_list("kind", flat=True)) == {
        UnitEventKind.MERGED: 17,
        UnitEventKind.DISSOLVED: 8,
        UnitEventKind.RENAMED: 4,
        UnitEventKind.MOVED: 2,
    }
    assert Person.objects.filter(unit__effective_to__isnull=False).count() == 0


def test_load_demo_new_commune_carries_old_communes(loaded):
    khong_lao = Unit.objects.get(code="X.KHONGLAO")
    assert (khong_lao.parent.code, khong_lao.effective_from) == ("UBND", datetime.date(2025, 7, 1))
    merged = UnitEvent.objects.get(kind=UnitEventKind.MERGED, links__unit=khong_lao)
    assert sorted(merged.links.filter(side=LinkSide.BEFORE).values_list("unit__code", flat=True)) == [
        "HPT.BANLANG",
        "HPT.HOANGTHEN",
        "HPT.KHONGLAO",
    ]
    assert [unit.code for unit in lineage_successors(Unit.objects.get(code="HPT.HOANGTHEN"))] == [
        "X.KHONGLAO"
    ]


def test_load_demo_moved_commune_is_renamed_under_the_province(loaded):
    mu_ca = Unit.objects.get(code="HMT.MUCA")
    assert (mu_ca.parent.code, mu_ca.full_name, mu_ca.effective_to) == (
        "UBND",
        "Ủy ban nhân dân xã Mù Cả",
        None,
    )
    assert Unit.objects.get(code="BDT").full_name == "Sở Dân tộc và Tôn giáo tỉnh Lai Châu"
    assert Unit.objects.get(code="TPLC").full_name == "Ủy ban nhân dân thành phố Lai Châu"


def test_load_demo_has_exactly_one_nguyen_van_duc_in_sgddt(loaded):
    assert list(Person.objects.filter(full_name="Nguyễn Văn Đức").values_list("unit__code", flat=True)) == [
        "SGDDT"
    ]
    found = search_people(Person.objects.all(), "nguyen van duc")
    assert list(found.values_list("full_name", flat=True)) == ["Nguyễn Văn Đức"]
    duc = found.get()
    assert list(duc.employments.order_by("start_date").values_list("position_title", "end_date")) == [
        ("Chuyên viên", datetime.date(2024, 9, 30)),
        ("Phó Trưởng phòng Giáo dục Trung học", None),
    ]


def test_load_demo_people_have_ethnicity_and_valid_cccd(loaded):
    assert Person.objects.filter(ethnicity__isnull=True).count() == 0
    assert sorted(set(Person.objects.values_list("ethnicity__name", flat=True))) == sorted(LAI_CHAU_GROUPS)
    numbers = list(Person.objects.exclude(cccd__isnull=True).values_list("cccd", flat=True))
    assert len(numbers) == 280
    assert len(set(numbers)) == 280
    assert all(len(number) == 12 and number.isdigit() and number.startswith("012") for number in numbers)
    assert Person.objects.get(full_name="Trần Tiến Dũng").cccd is None


def test_load_demo_sort_order_names_present(loaded):
    given = set(Person.objects.values_list("given_name", flat=True))
    assert {"Anh", "Ánh", "Ân", "Bình", "Đức", "Dũng", "Hà", "Hạnh", "Ý"} <= given


def test_load_demo_council_chaired_by_tran_tien_dung(loaded):
    council = Council.objects.get()
    assert (council.name, council.unit.code) == ("Hội đồng Thi đua - Khen thưởng tỉnh Lai Châu", "UBND")
    members = list(council.members.order_by("order").values_list("person__full_name", "role"))
    assert members[0] == ("Trần Tiến Dũng", CouncilRole.CHAIR)
    assert Counter(role for _name, role in members) == {
        CouncilRole.CHAIR: 1,
        CouncilRole.VICE_CHAIR: 3,
        CouncilRole.STANDING: 1,
        CouncilRole.MEMBER: 9,
        CouncilRole.SECRETARY: 1,
    }


def test_load_demo_accounts_roles_and_scope(loaded):
    users = get_user_model().objects
    grants = sorted(RoleGrant.objects.values_list("user__username", "role", "unit__code", "include_subtree"))
    assert grants == [
        ("canbotdkt", Role.OFFICER, "UBND", True),
        ("hoidong", Role.COUNCIL_MEMBER, "UBND", False),
        ("lanhdao.sgd", Role.LEADER, "SGDDT", True),
        ("quantri", Role.ADMIN, "UBND", True),
        ("truongkhoi", Role.BLOCK_HEAD, "SYT", False),
        ("vanthu.sgd", Role.CLERK, "SGDDT", True),
        ("vanthu.syt", Role.CLERK, "SYT", True),
        ("xemtin", Role.VIEWER, "SGDDT", True),
    ]
    assert list(users.filter(is_staff=True).values_list("username", flat=True)) == ["quantri"]
    assert list(users.filter(is_superuser=True).values_list("username", flat=True)) == ["quantri"]
    assert all(user.check_password("ThiDua@2026") for user in users.all())
    assert users.get(username="canbotdkt").person.unit.code == "BTDKT"
    sgddt = Unit.objects.get(code="SGDDT")
    assert compute_scope(users.get(username="vanthu.syt")).can_see_unit(sgddt.pk) is False
    assert compute_scope(users.get(username="vanthu.sgd")).can_edit_in_unit(sgddt.pk) is True
    for username in ["quantri", "canbotdkt", "vanthu.sgd", "xemtin"]:
        assert username in loaded


def test_load_demo_audits_every_write(loaded):
    org_actions = AuditEntry.objects.filter(action__startswith="org.").values_list("action", flat=True)
    assert dict(Counter(org_actions)) == {
        "org.account.create": 8,
        "org.account.superuser": 1,
        "org.council.create": 1,
        "org.council.member": 15,
        "org.person.create": 300,
        "org.person.move": 5,
        "org.person.position": 87,
        "org.role.grant": 8,
        "org.unit.close": 43,
        "org.unit.create": 100,
        "org.unit.dissolve": 8,
        "org.unit.merge": 17,
        "org.unit.move": 2,
        "org.unit.rename": 4,
        "org.unit.update": 2,
    }
    assert AuditEntry.objects.filter(actor__isnull=False).count() == 0


def test_load_demo_if_empty_second_run_adds_nothing(loaded):
    counts = (Unit.objects.count(), Person.objects.count(), AuditEntry.objects.count())
    out = io.StringIO()
    call_command("load_demo", "--if-empty", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[:3] == [
        "Cơ sở dữ liệu đã có đơn vị: không nạp dữ liệu mẫu.",
        "",
        "Tài khoản dùng thử (mật khẩu ban đầu, nếu chưa đổi):",
    ]
    assert [line.split()[0] for line in lines[5:]] == [
        "quantri",
        "canbotdkt",
        "vanthu.sgd",
        "lanhdao.sgd",
        "truongkhoi",
        "hoidong",
        "xemtin",
        "vanthu.syt",
    ]
    assert lines[6].split()[:2] == ["canbotdkt", "ThiDua@2026"]
    assert (Unit.objects.count(), Person.objects.count(), AuditEntry.objects.count()) == counts


def test_load_demo_refuses_to_load_twice_without_if_empty(loaded):
    with pytest.raises(CommandError):
        call_command("load_demo", stdout=io.StringIO())
    assert Unit.objects.count() == 100


def test_person_specs_are_deterministic():
    first = demo.person_specs(random.Random(demo.SEED))
    second = demo.person_specs(random.Random(demo.SEED))
    assert first == second
    assert len(first) == 300
    assert sum(spec.headcount for spec in demo.unit_specs()) == 300
