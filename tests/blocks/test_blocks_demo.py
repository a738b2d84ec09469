"""The blocks demo: Lai Châu's 2022 blocks scored, ranked and voted; a 2023 block in self-scoring; the outside
cluster of the seven northern border provinces; and the truongkhoi account heading a block of Sở Y tế."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from thidua.blocks import queries
from thidua.blocks.models import Ballot, Block, BlockKind, RoundStatus, Scoresheet, SheetKind
from thidua.blocks.rules import is_head_user
from thidua.org.models import Unit, User

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker, tmp_path_factory):
    out = io.StringIO()
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")),
    )
    with django_db_blocker.unblock(), fast, transaction.atomic():
        call_command("load_demo", "--if-empty", stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


def test_demo_loads_the_blocks(loaded):
    assert "Đã nạp thidua.blocks.demo" in loaded
    names = sorted(Block.objects.filter(year=2022).values_list("name", flat=True))
    assert names == [
        "Cụm thi đua 7 tỉnh miền núi biên giới phía Bắc",
        "Cụm thi đua các huyện, thành phố",
        "Khối thi đua Mặt trận Tổ quốc và các đoàn thể tỉnh",
        "Khối thi đua các cơ quan kinh tế – tổng hợp",
        "Khối thi đua các cơ quan nội chính",
        "Khối thi đua các cơ quan văn hóa – xã hội",
    ]


def test_every_2022_block_is_scored_ranked_and_voted(loaded):
    for block in Block.objects.filter(year=2022).exclude(kind=BlockKind.OUTSIDE):
        assert block.round.status == RoundStatus.LOCKED
        assert queries.table_problems(block.table) == []
        assert block.table.rows.exclude(kind="group").count() == 23
        members = block.members.count()
        ranks = sorted(block.results.exclude(rank=None).values_list("rank", flat=True))
        assert len(ranks) == members
        ballot = Ballot.objects.get(meeting__block=block)
        assert not ballot.is_open
        assert queries.ballot_tally(ballot).ballots == members - 1
        assert block.signatures.count() == members
        assert Scoresheet.objects.filter(round=block.round, kind=SheetKind.CROSS).count() == 2 * members


def test_the_2023_block_is_in_self_scoring_with_rotated_head(loaded):
    block = Block.objects.get(year=2023)
    assert block.predecessor.year == 2022
    assert block.round.status == RoundStatus.SELF
    assert (block.head_unit.code, block.deputy_unit.code) == ("SGDDT", "SVHTTDL")
    submitted = block.round.sheets.filter(kind=SheetKind.SELF, submitted_at__isnull=False)
    assert sorted(submitted.values_list("member__unit__code", flat=True)) == [
        "BAOLC",
        "SLDTBXH",
        "STTTT",
        "SVHTTDL",
    ]


def test_outside_cluster_has_seven_provinces_and_their_results(loaded):
    cluster = Block.objects.get(kind=BlockKind.OUTSIDE)
    assert cluster.members.count() == 7
    assert [
        member.unit.code if member.unit else member.external_name
        for member in cluster.members.order_by("order")
    ] == [
        "UBND",
        "UBND tỉnh Hà Giang",
        "UBND tỉnh Cao Bằng",
        "UBND tỉnh Lạng Sơn",
        "UBND tỉnh Lào Cai",
        "UBND tỉnh Điện Biên",
        "UBND tỉnh Sơn La",
    ]
    assert cluster.results.exclude(rank=None).count() == 7
    province = Unit.objects.get(code="UBND")
    assert province.pk in queries.block_ranks([province.pk], 2022)


def test_truongkhoi_heads_a_block_that_syt_belongs_to(loaded):
    user = User.objects.get(username="truongkhoi")
    headed = [block for block in Block.objects.all() if is_head_user(user, block)]
    assert [block.name for block in headed] == ["Khối thi đua các cơ quan văn hóa – xã hội"]
    assert headed[0].members.filter(unit__code="SYT").exists()
