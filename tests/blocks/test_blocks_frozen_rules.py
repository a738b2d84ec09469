"""A block's rules cannot change after the fact: once the year's scoring round has left draft, ``update_block``
refuses changes to the scoring, ranking and vote rules and to the head and deputy (a reopened round may still
change the ranking and vote rules), and a ballot counts by the rules it was opened with."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from docx import Document

from thidua.blocks import documents, queries, services
from thidua.blocks.models import Ballot, Block
from thidua.blocks.testing import build_world, run_round
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db

D = Decimal
STARTED = (
    "Vòng chấm điểm năm 2022 đã bắt đầu (bước “%s”): quy tắc chấm điểm, xếp hạng, bỏ phiếu và trưởng khối, "
    "phó khối giữ nguyên như khi mở chấm điểm; không sửa được: %s."
)
REOPENED = (
    "Kết quả chấm điểm đang mở lại để điều chỉnh: chỉ sửa được thứ tự xét khi bằng điểm, số đơn vị đề nghị và "
    "tỷ lệ phiếu đồng ý; không sửa được: %s."
)


@pytest.fixture(autouse=True)
def fast(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world():
    return build_world()


def rules_of(block):
    block.refresh_from_db()
    return {
        name: getattr(block, name) for name in (*queries.SCORING_RULE_FIELDS, *queries.RANKING_RULE_FIELDS)
    }


def test_rules_and_head_change_freely_while_the_round_is_a_draft(world):
    units = world["units"]
    block = services.update_block(
        world["block"],
        actor=None,
        head_unit=units["SGDDT"],
        deputy_unit=units["SYT"],
        aggregation="median",
        trim=2,
        outlier_threshold=D(5),
        blind=False,
        tie_breaks="2, phiếu",
        flag_count=2,
        merit_count=3,
        vote_percentage=D(60),
    )
    assert rules_of(block) == {
        "head_unit_id": units["SGDDT"].pk,
        "deputy_unit_id": units["SYT"].pk,
        "aggregation": "median",
        "trim": 2,
        "outlier_threshold": D("5.00"),
        "blind": False,
        "tie_breaks": "2, phiếu",
        "flag_count": 2,
        "merit_count": 3,
        "vote_percentage": D("60.00"),
    }


@pytest.mark.parametrize(
    ("until", "status"),
    [
        ("self", "Đang tự chấm"),
        ("cross", "Đang chấm chéo, thẩm định"),
        ("review", "Đang điều chỉnh"),
        ("locked", "Đã khóa"),
    ],
)
def test_a_rule_change_is_refused_once_the_round_has_left_draft(world, until, status):
    run_round(world, until=until)
    block = world["block"]
    before = rules_of(block)
    updates = AuditEntry.objects.filter(action="blocks.block.update").count()
    with pytest.raises(ValidationError) as error:
        services.update_block(block, actor=None, merit_count=3, vote_percentage=D(75))
    assert error.value.messages == [
        STARTED % (status, "số đơn vị đề nghị Bằng khen (N); tỷ lệ phiếu đồng ý cần đạt (%)")
    ]
    assert rules_of(block) == before
    assert AuditEntry.objects.filter(action="blocks.block.update").count() == updates


@pytest.mark.parametrize(
    ("field", "value", "label"),
    [
        ("head_unit", "SNV", "đơn vị trưởng khối"),
        ("deputy_unit", "STC", "đơn vị phó khối"),
        ("aggregation", "median", "cách tổng hợp điểm chấm chéo"),
        ("trim", 2, "số điểm bỏ ở mỗi đầu (trung bình bỏ cao, thấp)"),
        ("outlier_threshold", D(1), "ngưỡng điểm lệch so với trung vị"),
        ("blind", False, "giữ kín điểm của các đơn vị chấm đến khi khóa"),
        ("tie_breaks", "2", "thứ tự xét khi bằng điểm"),
        ("flag_count", 2, "số đơn vị đề nghị Cờ thi đua"),
        ("merit_count", 1, "số đơn vị đề nghị Bằng khen (N)"),
        ("vote_percentage", D(100), "tỷ lệ phiếu đồng ý cần đạt (%)"),
    ],
)
def test_every_rule_and_the_head_are_frozen_after_the_lock(world, field, value, label):
    run_round(world)
    if field.endswith("_unit"):
        value = world["units"][value]
    with pytest.raises(ValidationError) as error:
        services.update_block(world["block"], actor=None, **{field: value})
    assert error.value.messages == [STARTED % ("Đã khóa", label)]


def test_other_fields_and_unchanged_rules_are_still_saved_after_the_lock(world):
    run_round(world)
    block = world["block"]
    before = rules_of(block)
    services.update_block(
        block,
        actor=None,
        plan="Kế hoạch tổng kết năm 2022",
        agreement_text="Giao ước thi đua năm 2022",
        head_unit=world["units"]["SYT"],
        outlier_threshold=D("3.00"),
        blind=True,
        tie_breaks="1",
        flag_count=1,
        merit_count=2,
        vote_percentage=D(50),
    )
    block.refresh_from_db()
    assert (block.plan, block.agreement_text) == ("Kế hoạch tổng kết năm 2022", "Giao ước thi đua năm 2022")
    assert rules_of(block) == before


def test_a_reopened_round_may_change_the_ranking_and_vote_rules_only(world):
    round_ = run_round(world)
    services.reopen_round(round_, actor=None, reason="Sở Nội vụ khiếu nại mục 1.1")
    block = world["block"]
    services.update_block(block, actor=None, tie_breaks="1, phiếu", flag_count=2, merit_count=1)
    assert (rules_of(block)["tie_breaks"], rules_of(block)["flag_count"], rules_of(block)["merit_count"]) == (
        "1, phiếu",
        2,
        1,
    )
    with pytest.raises(ValidationError) as error:
        services.update_block(block, actor=None, aggregation="median", deputy_unit=world["units"]["SNV"])
    assert error.value.messages == [REOPENED % "đơn vị phó khối; cách tổng hợp điểm chấm chéo"]


def test_block_edit_page_disables_the_frozen_fields_and_saves_the_rest(world):
    run_round(world, until="self")
    block = world["block"]
    client = Client()
    client.force_login(world["users"]["truongkhoi"])
    url = reverse("blocks:block_edit", args=[block.pk])
    form = client.get(url).context["form"]
    assert sorted(name for name, field in form.fields.items() if field.disabled) == sorted(
        [
            "kind",
            "name",
            "year",
            "head_unit",
            "deputy_unit",
            "aggregation",
            "trim",
            "outlier_threshold",
            "blind",
            "tie_breaks",
            "flag_count",
            "merit_count",
            "vote_percentage",
        ]
    )
    assert form.fields["merit_count"].help_text == "Giữ nguyên từ khi mở chấm điểm."
    # A crafted POST with other rules changes nothing of them (disabled fields keep their value).
    response = client.post(
        url,
        {
            "version": block.version,
            "plan": "Kế hoạch mới",
            "agreement_text": "",
            "organiser": "",
            "aggregation": "median",
            "trim": "3",
            "outlier_threshold": "9",
            "tie_breaks": "2",
            "flag_count": "5",
            "merit_count": "5",
            "vote_percentage": "90",
            "head_unit": world["units"]["SNV"].pk,
        },
    )
    assert response.status_code == 302
    block.refresh_from_db()
    assert block.plan == "Kế hoạch mới"
    assert rules_of(block) == {
        "head_unit_id": world["units"]["SYT"].pk,
        "deputy_unit_id": world["units"]["SGDDT"].pk,
        "aggregation": "mean",
        "trim": 1,
        "outlier_threshold": D("3.00"),
        "blind": True,
        "tie_breaks": "1",
        "flag_count": 1,
        "merit_count": 2,
        "vote_percentage": D("50.00"),
    }


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def voted(world) -> Ballot:
    """Locked ranking SYT, SGDDT, SNV, STC; every member present; three vote for SYT (Cờ) and SGDDT."""
    run_round(world)
    block = world["block"]
    meeting = services.create_meeting(block, actor=None, held_on=datetime.date(2022, 12, 20))
    members = list(block.members.order_by("order"))
    services.record_attendance(meeting, actor=None, attendance={m.pk: (True, "") for m in members})
    ballot = services.open_ballot(meeting, actor=None)
    candidates = list(ballot.candidates.order_by("position"))
    for member in members[:3]:
        services.cast_vote(ballot, actor=None, member=member, approved=[candidates[0].pk, candidates[1].pk])
    services.close_ballot(ballot, actor=None)
    ballot.refresh_from_db()
    return ballot


def outcome(ballot):
    tally = queries.ballot_tally(ballot)
    rows = [(row.member.unit.code, row.award, row.votes, row.percentage, row.passed) for row in tally.rows]
    return (
        tally.required_percentage,
        rows,
        docx_text(documents.minutes_docx(ballot)),
        docx_text(documents.proposal_docx(ballot)),
    )


def test_ballot_keeps_the_rules_it_was_opened_with(world):
    ballot = voted(world)
    assert (ballot.required_percentage, ballot.flag_count, ballot.merit_count) == (D("50.00"), 1, 2)
    open_entry = AuditEntry.objects.get(action="blocks.ballot.open")
    assert (
        D(open_entry.after["required_percentage"]),
        open_entry.after["flag_count"],
        open_entry.after["merit_count"],
    ) == (D(50), 1, 2)
    before = outcome(ballot)
    assert before[1] == [
        ("SYT", "co", 3, D("75.00"), True),
        ("SGDDT", "bang_khen", 3, D("75.00"), True),
        ("SNV", "bang_khen", 0, D("0.00"), False),
    ]
    # The round is reopened and the block's vote rules change: the closed ballot's count, minutes and tờ trình
    # stay as they were; the next lock keeps its proposal.
    block = world["block"]
    services.reopen_round(block.round, actor=None, reason="Điều chỉnh quy chế")
    services.update_block(block, actor=None, flag_count=0, merit_count=0, vote_percentage=D(100))
    ballot = Ballot.objects.get(pk=ballot.pk)
    assert outcome(ballot) == before
    services.lock_round(Block.objects.get(pk=block.pk).round, actor=None)
    proposals = {r.member.unit.code: r.proposal for r in block.results.select_related("member__unit")}
    assert proposals == {"SYT": "co", "SGDDT": "bang_khen", "SNV": "", "STC": ""}


@pytest.mark.django_db(transaction=True)
def test_migration_backfills_existing_ballots_from_their_block():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("blocks", "0001_initial")], [("blocks", "0002_ballot_vote_rules")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        block = apps.get_model("blocks", "Block").objects.create(
            name="Khối cũ", year=2021, flag_count=2, merit_count=3, vote_percentage=D(60)
        )
        member = apps.get_model("blocks", "BlockMember").objects.create(block=block, external_name="Sở A")
        apps.get_model("blocks", "BlockResult").objects.create(
            block=block, member=member, year=2021, total=D("97.5"), rank=1
        )
        meeting = apps.get_model("blocks", "Meeting").objects.create(
            block=block, held_on=datetime.date(2021, 12, 20)
        )
        ballot = apps.get_model("blocks", "Ballot").objects.create(
            meeting=meeting, question="Bình xét", required_percentage=D(60), is_open=False
        )
        apps.get_model("blocks", "BallotCandidate").objects.create(
            ballot=ballot, member=member, award="co", rank=1, position=1
        )
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        apps = executor.loader.project_state(after).apps
        migrated = apps.get_model("blocks", "Ballot").objects.get(pk=ballot.pk)
        candidate = apps.get_model("blocks", "BallotCandidate").objects.get(ballot=migrated)
        assert (migrated.flag_count, migrated.merit_count, migrated.required_percentage, candidate.total) == (
            2,
            3,
            D("60.00"),
            D("97.50"),
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
