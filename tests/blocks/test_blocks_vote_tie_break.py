"""A vote that breaks a tie reorders the proposal: the Cờ and the Bằng khen follow the ranking after the vote,
and the re-ranking is audited with the ranks and awards before and after.

Sở Y tế and Sở GD&ĐT are tied on total and on group 1 (99 and 59 each); the ballot lists Sở Y tế first (Cờ)
and Sở GD&ĐT second (Bằng khen); the members prefer Sở GD&ĐT.
"""

import datetime
import io
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from thidua.blocks import documents, queries, services
from thidua.blocks.models import SheetKind
from thidua.blocks.testing import build_world, run_round
from thidua.core.models import AuditEntry

pytestmark = pytest.mark.django_db

FLAG = "Cờ thi đua của UBND tỉnh"
MERIT = "Bằng khen của Chủ tịch UBND tỉnh"


@pytest.fixture(autouse=True)
def fast(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def docx_text(content: bytes) -> str:
    document = Document(io.BytesIO(content))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return " ".join(" ".join(parts).split())


def tied_vote(tie_breaks: str):
    world = build_world()
    block = services.update_block(world["block"], actor=None, tie_breaks=tie_breaks)
    world["block"] = block
    round_ = run_round(world, until="review")
    sgd = round_.sheets.get(kind=SheetKind.FINAL, member__unit__code="SGDDT")
    services.adjust_entry(sgd, actor=None, criterion=world["rows"]["1.1"], points=Decimal(29), reason="Đủ")
    services.lock_round(round_, actor=None)
    ranks = {r.member.unit.code: r.rank for r in block.results.select_related("member__unit")}
    assert ranks == {"SYT": 1, "SGDDT": 1, "SNV": 3, "STC": 4}
    meeting = services.create_meeting(block, actor=None, held_on=datetime.date(2022, 12, 20))
    members = {m.unit.code: m for m in block.members.select_related("unit")}
    services.record_attendance(meeting, actor=None, attendance={m.pk: (True, "") for m in members.values()})
    ballot = services.open_ballot(meeting, actor=None)
    candidates = {c.member.unit.code: c for c in ballot.candidates.select_related("member__unit")}
    assert [(code, c.award, c.rank) for code, c in candidates.items()] == [
        ("SYT", "co", 1),
        ("SGDDT", "bang_khen", 1),
        ("SNV", "bang_khen", 3),
    ]
    votes = {
        "SYT": ["SGDDT", "SNV"],
        "SGDDT": ["SYT", "SGDDT", "SNV"],
        "SNV": ["SGDDT", "SYT"],
        "STC": ["SGDDT"],
    }
    for voter, approved in votes.items():
        services.cast_vote(
            ballot, actor=None, member=members[voter], approved=[candidates[code].pk for code in approved]
        )
    services.close_ballot(ballot, actor=None)
    ballot.refresh_from_db()
    return world, ballot


def outcome(block):
    return {
        r.member.unit.code: (r.rank, r.proposal, r.votes)
        for r in block.results.select_related("member__unit")
    }


def test_the_vote_breaking_a_tie_gives_the_flag_to_the_unit_ranked_first_after_it():
    world, ballot = tied_vote("1, phiếu")
    tally = queries.ballot_tally(ballot)
    assert [
        (row.member.unit.code, row.award, row.rank, row.votes, row.passed, row.ballot_award, row.ballot_rank)
        for row in tally.rows
    ] == [
        ("SGDDT", "co", 1, 4, True, "bang_khen", 1),
        ("SYT", "bang_khen", 2, 2, True, "co", 1),
        ("SNV", "bang_khen", 3, 2, True, "bang_khen", 3),
    ]
    assert outcome(world["block"]) == {
        "SGDDT": (1, "co", 4),
        "SYT": (2, "bang_khen", 2),
        "SNV": (3, "bang_khen", 2),
        "STC": (4, "", None),
    }
    units = world["units"]
    assert queries.block_ranks([units["SYT"].pk, units["SGDDT"].pk], 2022) == {
        units["SGDDT"].pk: 1,
        units["SYT"].pk: 2,
    }
    entry = AuditEntry.objects.get(action="blocks.ballot.rerank")
    assert (entry.before, entry.after) == (
        {"Sở GD&ĐT": {"rank": 1, "award": "bang_khen"}, "Sở Y tế": {"rank": 1, "award": "co"}},
        {"Sở GD&ĐT": {"rank": 1, "award": "co"}, "Sở Y tế": {"rank": 2, "award": "bang_khen"}},
    )
    assert entry.summary == (
        f"Xếp hạng lại theo số phiếu bầu: Sở GD&ĐT: hạng 1 → 1, {MERIT} → {FLAG}; "
        f"Sở Y tế: hạng 1 → 2, {FLAG} → {MERIT}."
    )
    minutes = docx_text(documents.minutes_docx(ballot))
    assert (
        "Xếp hạng lại theo số phiếu đồng ý (các đơn vị bằng điểm): Sở Giáo dục và Đào tạo từ hạng 1 thành hạng "
        f"1, đề nghị {FLAG} thay cho {MERIT}; Sở Y tế từ hạng 1 thành hạng 2, đề nghị {MERIT} thay cho {FLAG}."
    ) in minutes
    assert f"1 Sở Giáo dục và Đào tạo {FLAG} 1 4 100 Đạt 2 Sở Y tế {MERIT} 2 2 50 Đạt" in minutes
    assert [
        (item["unit"], item["award"], item["rank"]) for item in documents.proposal_data(ballot)["proposed"]
    ] == [
        ("Sở Giáo dục và Đào tạo", FLAG, 1),
        ("Sở Y tế", MERIT, 2),
        ("Sở Nội vụ", MERIT, 3),
    ]
    client = Client()
    client.force_login(world["users"]["truongkhoi"])
    page = client.get(reverse("blocks:meeting_detail", args=[ballot.meeting_id])).content.decode()
    assert page.count('data-testid="reranked"') == 2
    assert "xếp lại theo số phiếu: hạng 1 → 2" in page


def test_without_the_vote_among_the_tie_breaks_the_ballot_order_stands():
    world, ballot = tied_vote("1")
    tally = queries.ballot_tally(ballot)
    assert [(row.member.unit.code, row.award, row.rank, row.votes) for row in tally.rows] == [
        ("SYT", "co", 1, 2),
        ("SGDDT", "bang_khen", 1, 4),
        ("SNV", "bang_khen", 3, 2),
    ]
    assert outcome(world["block"]) == {
        "SYT": (1, "co", 2),
        "SGDDT": (1, "bang_khen", 4),
        "SNV": (3, "bang_khen", 2),
        "STC": (4, "", None),
    }
    assert not AuditEntry.objects.filter(action="blocks.ballot.rerank").exists()
    assert "Xếp hạng lại" not in docx_text(documents.minutes_docx(ballot))
