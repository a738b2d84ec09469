"""List pages make the same number of queries for 1 and for 3 rows: no N+1 can creep in."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.blocks import services
from thidua.blocks.testing import build_world, run_round

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_blocks(world, indexes):
    units = world["units"]
    for index in indexes:
        services.create_block(
            actor=None,
            name=f"Khối {index}",
            year=2022,
            members=[units["SNV"], units["STC"], units["STP"]],
            head_unit=units["SNV"],
            deputy_unit=units["STC"],
        )


def test_block_list_query_count_does_not_grow():
    world = build_world(with_table=False)
    client = Client()
    client.force_login(world["users"]["vanthu.snv"])
    url = reverse("blocks:block_list")
    one = count(client, url)
    add_blocks(world, [2, 3])
    assert count(client, url) == one


def test_table_page_query_count_does_not_grow():
    world = build_world(with_table=False)
    table = services.create_table(world["block"], actor=None, title="Bảng", total_points=None)
    services.add_criterion(
        table, actor=None, code="1", text="Tiêu chí 1", kind="qualitative", points=Decimal(10)
    )
    client = Client()
    client.force_login(world["users"]["truongkhoi"])
    url = reverse("blocks:table_detail", args=[world["block"].pk])
    one = count(client, url)
    for code in ("2", "3"):
        services.add_criterion(
            table, actor=None, code=code, text=f"Tiêu chí {code}", kind="qualitative", points=Decimal(10)
        )
    assert count(client, url) == one


def test_round_page_query_count_does_not_grow_with_members():
    small = build_world()
    units = small["units"]
    # a second, two-member block scored to review, against the four-member block of the same world
    block = small["block"]
    for code in ("STC", "SNV"):
        services.remove_member(block.members.get(unit__code=code), actor=None)
    run_round(small, until="review")
    client = Client()
    client.force_login(small["users"]["canbotdkt"])
    url = reverse("blocks:round_detail", args=[block.pk])
    two = count(client, url)
    services.copy_block(block, actor=None, year=2023)
    new = block.successors.get()
    for code in ("STC", "SNV"):
        services.add_member(new, actor=None, unit=units[code])
    new.refresh_from_db()
    world = {"block": new, "rows": {row.code: row for row in new.table.rows.all()}}
    run_round(world, until="review")
    four = count(client, reverse("blocks:round_detail", args=[new.pk]))
    assert four == two
