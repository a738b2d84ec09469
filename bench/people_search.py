"""Search and list people in a province-sized database (50,000 people in 1,000 units), on SQLite by default
or on the database named by DATABASE_URL. Reports the median of 20 runs of each request the people page makes."""

import os
import pathlib
import random
import statistics
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
if "DATABASE_URL" not in os.environ:
    os.environ["THIDUA_VAR_DIR"] = tempfile.mkdtemp(prefix="thidua-bench-")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from thidua.core.vietnamese import fold, given_name, name_sort_key  # noqa: E402
from thidua.org.enums import Gender, Role, UnitType  # noqa: E402
from thidua.org.models import Person, RoleGrant, Unit, User  # noqa: E402
from thidua.org.queries import forget_scope, people_list  # noqa: E402

PEOPLE = 50_000
UNITS = 1_000
FAMILY = ["Nguyễn", "Trần", "Lò", "Lường", "Giàng", "Vàng", "Tao", "Đèo", "Phạm", "Hoàng", "Lý", "Chẻo"]
MIDDLE = ["Văn", "Thị", "A", "Seo", "Thị Thu", "Đức", "Minh", "Quang"]
GIVEN = ["Anh", "Ánh", "Ân", "Bình", "Dũng", "Đức", "Hà", "Hạnh", "Hương", "Lự", "Mỷ", "Ý", "Ước", "Thắm"]


def populate() -> tuple[User, User]:
    """Bulk data for measuring (not through services: this is a generator, not a user action)."""
    call_command("migrate", verbosity=0)
    root = Unit.objects.create(
        code="ROOT", short_name="UBND", full_name="UBND tỉnh", unit_type=UnitType.PROVINCE
    )
    root.path = f"{root.pk:06d}/"
    root.save()
    units = [
        Unit(
            code=f"U{i}",
            short_name=f"ĐV {i}",
            full_name=f"Đơn vị {i}",
            unit_type=UnitType.COMMUNE,
            parent=root,
            depth=1,
        )
        for i in range(UNITS)
    ]
    Unit.objects.bulk_create(units)
    for unit in Unit.objects.filter(parent=root):
        unit.path = f"{root.path}{unit.pk:06d}/"
        unit.save(update_fields=["path"])
    unit_ids = list(Unit.objects.filter(parent=root).values_list("pk", flat=True))
    rng = random.Random(2022)
    people = []
    for _ in range(PEOPLE):
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        people.append(
            Person(
                full_name=name,
                gender=Gender.MALE,
                unit_id=rng.choice(unit_ids),
                name_folded=fold(name),
                name_sort=name_sort_key(name),
                given_name=given_name(name),
            )
        )
    Person.objects.bulk_create(people, batch_size=5000)
    admin = User.objects.create(username="admin")
    RoleGrant.objects.create(user=admin, unit=root, role=Role.ADMIN, include_subtree=True)
    clerk = User.objects.create(username="clerk")
    RoleGrant.objects.create(user=clerk, unit_id=unit_ids[0], role=Role.CLERK, include_subtree=True)
    return admin, clerk


def median_ms(func, runs: int = 20) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


if __name__ == "__main__":
    admin, clerk = populate()
    print(f"{Person.objects.count():,} people, {Unit.objects.count():,} units, {django.db.connection.vendor}")
    for label, user, text in [
        ("admin: first page, no search", admin, ""),
        ("admin: 'nguyen van duc'", admin, "nguyen van duc"),
        ("admin: 'duc'", admin, "duc"),
        ("clerk of one unit: first page", clerk, ""),
    ]:

        def request(user=user, text=text):
            forget_scope(user)
            queryset = people_list(user, text=text)
            queryset.count()
            list(queryset[:50])

        print(f"{label:<34} {median_ms(request):8.1f} ms (count + first 50, median of 20)")
