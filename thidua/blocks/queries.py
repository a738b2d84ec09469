"""Reads about blocks, tables, scores and votes.

``block_ranks`` is the contract with the eligibility engine: the rank each unit earned in its block's year.
``core_table`` turns the stored table into the pure :class:`thidua.blocks.scoring.CriteriaTable`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from thidua.org.queries import scope_for

from . import scoring
from .models import (
    Ballot,
    Block,
    BlockMember,
    BlockResult,
    CriteriaTable,
    CriterionRow,
    ProposedAward,
    ResultSource,
    RoundStatus,
    ScoreEntry,
    Scoresheet,
    ScoringRound,
    SheetKind,
)
from .ranking import BySubtotal, ByVotes, TieBreak

VOTES_WORDS = {"phieu", "phiếu", "votes", "so phieu", "số phiếu"}


def block_ranks(unit_ids: Iterable[int], year: int) -> dict[int, int]:
    """``{unit_id: rank}`` for the units ranked in a block or cluster of ``year``.

    Only ranked results count (a locked round, or an outside cluster's recorded result); a disqualified or
    unranked unit is absent. A unit ranked in two blocks of the same year keeps its rank in a block of the
    province (computed) over an outside cluster's (recorded), then the better rank.
    """
    ids = [int(unit_id) for unit_id in unit_ids]
    rows = (
        BlockResult.objects.filter(unit_id__in=ids, year=year, rank__isnull=False)
        .values_list("unit_id", "rank", "source")
        .order_by("unit_id")
    )
    best: dict[int, tuple[int, int]] = {}
    for unit_id, rank, source in rows:
        key = (0 if source == ResultSource.ROUND else 1, rank)
        if unit_id not in best or key < best[unit_id]:
            best[unit_id] = key
    return {unit_id: key[1] for unit_id, key in best.items()}


def visible_blocks(user, *, year: int | None = None, kind: str = "") -> QuerySet[Block]:
    """Blocks the user may see: every block for the officer; otherwise blocks with a member (or the head) in
    the user's scope."""
    scope = scope_for(user)
    blocks = Block.objects.all()
    if not scope.is_admin:
        members = scope.filter_units(BlockMember.objects.filter(unit__isnull=False), "unit_id")
        heads = scope.filter_units(Block.objects.all(), "head_unit_id")
        blocks = blocks.filter(Q(pk__in=members.values("block_id")) | Q(pk__in=heads.values("pk")))
    if year:
        blocks = blocks.filter(year=year)
    if kind:
        blocks = blocks.filter(kind=kind)
    return blocks


def block_list(user, *, year: int | None = None, kind: str = "") -> QuerySet[Block]:
    members = BlockMember.objects.select_related("unit").order_by("order", "id")
    return (
        visible_blocks(user, year=year, kind=kind)
        .select_related("head_unit", "deputy_unit", "round")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("-year", "kind", "name")
    )


def members_of(block: Block) -> list[BlockMember]:
    return list(block.members.select_related("unit").order_by("order", "id"))


def suggest_rotation(block: Block) -> tuple[BlockMember | None, BlockMember | None]:
    """The next head and deputy by rotation: the members who have gone longest without heading the block
    (never first), in member order starting after the current head. Looks back through the block's
    predecessors (the same block in earlier years)."""
    members = [member for member in members_of(block) if member.unit_id]
    if not members:
        return None, None
    last_headed: dict[int, int] = {}
    current: Block | None = block
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        if current.head_unit_id and current.head_unit_id not in last_headed:
            last_headed[current.head_unit_id] = current.year
        current = current.predecessor
    start = 0
    for index, member in enumerate(members):
        if member.unit_id == block.head_unit_id:
            start = index + 1
    rotated = members[start:] + members[:start]
    ordered = sorted(enumerate(rotated), key=lambda pair: (last_headed.get(pair[1].unit_id, -1), pair[0]))
    head = ordered[0][1]
    deputy = ordered[1][1] if len(ordered) > 1 else None
    return head, deputy


# --- tables -------------------------------------------------------------------------------------------------


def table_rows(table: CriteriaTable) -> list[CriterionRow]:
    """The rows in table order (depth first), each with ``depth`` set."""
    rows = list(table.rows.all().order_by("position", "id"))
    by_parent: dict[int | None, list[CriterionRow]] = {}
    for row in rows:
        by_parent.setdefault(row.parent_id, []).append(row)
    ordered: list[CriterionRow] = []

    def walk(parent_id, depth):
        for row in by_parent.get(parent_id, []):
            row.depth = depth
            ordered.append(row)
            walk(row.pk, depth + 1)

    walk(None, 0)
    return ordered


def to_criterion(row: CriterionRow) -> scoring.Criterion:
    return scoring.Criterion(
        code=row.code,
        text=row.text,
        kind=scoring.Kind(row.kind),
        points=row.points,
        per_occurrence=row.per_occurrence,
        row_max=row.row_max,
        bonus_cap=row.bonus_cap,
        deduction_cap=row.deduction_cap,
        choice_group=row.choice_group,
        requires_full_standard=row.requires_full_standard,
        formula=scoring.Formula(row.formula) if row.formula else None,
        target=row.target,
        reviewer=row.reviewer,
        evidence_required=row.evidence_required,
        note=row.note,
    )


def core_table(table: CriteriaTable, rows: list[CriterionRow] | None = None) -> scoring.CriteriaTable:
    """The stored table as the scoring core's tree."""
    rows = table_rows(table) if rows is None else rows
    nodes = {row.pk: to_criterion(row) for row in rows}
    roots = []
    for row in rows:
        if row.parent_id is None:
            roots.append(nodes[row.pk])
        else:
            nodes[row.parent_id].children.append(nodes[row.pk])
    return scoring.CriteriaTable(
        title=table.title, criteria=roots, year=table.block.year, total_points=table.total_points
    )


def table_problems(table: CriteriaTable) -> list[str]:
    return scoring.validate_table(core_table(table))


def previous_table(block: Block) -> CriteriaTable | None:
    """Last year's table of the same block (its predecessor, else a block of the same name a year before)."""
    candidates = []
    if block.predecessor_id:
        candidates.append(block.predecessor)
    candidates.extend(Block.objects.filter(name=block.name, year=block.year - 1).exclude(pk=block.pk))
    for candidate in candidates:
        table = CriteriaTable.objects.filter(block=candidate).first()
        if table is not None:
            return table
    return None


# Rules a block is scored and ranked by. Once the year's scoring round has left draft they are frozen, so no
# one can change them after seeing the scores; a reopened round may still change the rules that act at the
# next lock and the next ballot (``RANKING_RULE_FIELDS``), never those that already shaped the scores.
SCORING_RULE_FIELDS = ("head_unit_id", "deputy_unit_id", "aggregation", "trim", "outlier_threshold", "blind")
RANKING_RULE_FIELDS = ("tie_breaks", "flag_count", "merit_count", "vote_percentage")


def frozen_rule_fields(block: Block) -> tuple[str, ...]:
    """The rule fields of ``block`` that can no longer change: none while its round is a draft (or has not
    been created), the scoring rules only while a reopened round is under adjustment, all of them otherwise."""
    round_ = ScoringRound.objects.filter(block=block).first()
    if round_ is None or round_.status == RoundStatus.DRAFT:
        return ()
    if round_.status == RoundStatus.REVIEW and round_.reopen_count:
        return SCORING_RULE_FIELDS
    return SCORING_RULE_FIELDS + RANKING_RULE_FIELDS


def tie_breaks_of(block: Block) -> list[TieBreak]:
    """The block's tie-breaks, from its text ("1, 2, phiếu")."""
    result: list[TieBreak] = []
    for part in block.tie_breaks.split(","):
        word = part.strip()
        if not word:
            continue
        if word.lower() in VOTES_WORDS:
            result.append(ByVotes())
        else:
            result.append(BySubtotal(word))
    return result


def tie_break_problems(block: Block, table: scoring.CriteriaTable | None) -> list[str]:
    codes = set(table.by_code()) if table is not None else set()
    return [
        _("Thứ tự xét khi bằng điểm: không có mục “%(code)s” trong bảng tiêu chí.") % {"code": item.code}
        for item in tie_breaks_of(block)
        if isinstance(item, BySubtotal) and item.code not in codes
    ]


def suggested_achievements(rows, unit_id: int | None, year: int) -> dict[int, Decimal]:
    """``{row id: per cent achieved}`` for the quantitative rows tied to a movement target: the unit's latest
    progress report of that year (``thidua.movements``), to suggest the achievement on a sheet."""
    from thidua.movements.models import ProgressReport

    by_target = {row.source_target_id: row.pk for row in rows if row.source_target_id}
    if not by_target or unit_id is None:
        return {}
    reports = (
        ProgressReport.objects.filter(
            target_id__in=list(by_target), unit_id=unit_id, period_year=year, percent__isnull=False
        )
        .order_by("target_id", "period_end", "id")
        .values_list("target_id", "percent")
    )
    suggestions: dict[int, Decimal] = {}
    for target_id, percent in reports:
        suggestions[by_target[target_id]] = percent  # the latest period wins
    return suggestions


# --- sheets -------------------------------------------------------------------------------------------------


def core_entries(sheet: Scoresheet) -> dict[str, scoring.Entry]:
    return {
        entry.criterion.code: scoring.Entry(
            points=entry.points, count=entry.count, value=entry.value, comment=entry.comment
        )
        for entry in sheet.entries.select_related("criterion")
    }


def round_sheets(round_) -> list[Scoresheet]:
    return list(
        round_.sheets.select_related("member__unit", "assessor__unit", "submitted_by").order_by(
            "member__order", "member_id", "kind", "assessor__order"
        )
    )


def sheets_for_assessor(round_, unit_ids: set[int]) -> list[Scoresheet]:
    return list(
        round_.sheets.filter(kind=SheetKind.CROSS, assessor__unit_id__in=unit_ids).select_related(
            "member__unit", "assessor__unit"
        )
    )


def results_of(block: Block) -> list[BlockResult]:
    return list(
        block.results.select_related("member__unit").order_by(
            "disqualified", "rank", "member__order", "member_id"
        )
    )


def flagged_counts(round_) -> dict[int, int]:
    """``{final sheet id: number of criteria with a flagged score}``."""
    counts: dict[int, int] = {}
    rows = ScoreEntry.objects.filter(sheet__round=round_, sheet__kind=SheetKind.FINAL).values_list(
        "sheet_id", "flags"
    )
    for sheet_id, flags in rows:
        if flags:
            counts[sheet_id] = counts.get(sheet_id, 0) + 1
    return counts


# --- ballots ------------------------------------------------------------------------------------------------


class BallotOpenError(Exception):
    """The tally of an open ballot was asked for: it stays hidden until the ballot closes."""


@dataclass(frozen=True)
class TallyRow:
    """One candidate of a closed ballot. ``award`` and ``rank`` are after the vote (a vote that breaks a tie
    may reorder candidates); ``ballot_award`` and ``ballot_rank`` are what the ballot said."""

    candidate_id: int
    member: BlockMember
    award: str
    award_label: str
    rank: int | None
    total: Decimal | None
    votes: int
    percentage: Decimal
    passed: bool
    ballot_award: str = ""
    ballot_rank: int | None = None

    @property
    def reranked(self) -> bool:
        return (self.award, self.rank) != (self.ballot_award, self.ballot_rank)


@dataclass(frozen=True)
class Tally:
    present: int
    ballots: int
    required_percentage: Decimal
    rows: list[TallyRow]

    @property
    def proposed(self) -> list[TallyRow]:
        return [row for row in self.rows if row.passed]

    @property
    def reranked(self) -> list[TallyRow]:
        return [row for row in self.rows if row.reranked]


def ballot_tally(ballot: Ballot) -> Tally:
    """The count of a closed ballot. Each candidate's percentage is of the members present; a candidate
    passes at or above the required percentage, and at most ``flag_count`` (resp. ``merit_count``) pass,
    best rank first. Candidates come in their order after the vote, with the award that order gave them
    (``BallotCandidate.final_award``, set by ``close_ballot``). The percentage and the counts are the
    ballot's own (copied from the block when it opened), so the count of a closed ballot never changes.
    Raises :class:`BallotOpenError` while the ballot is open."""
    if ballot.is_open:
        raise BallotOpenError(_("Phiếu bầu đang mở: chỉ kiểm phiếu sau khi đóng."))
    present = ballot.meeting.attendance.filter(present=True).count()
    counts: dict[int, int] = {}
    ballots = 0
    for approved in ballot.votes.values_list("approved", flat=True):
        ballots += 1
        for candidate_id in approved:
            counts[int(candidate_id)] = counts.get(int(candidate_id), 0) + 1
    limits = {"co": ballot.flag_count, "bang_khen": ballot.merit_count}
    taken = {"co": 0, "bang_khen": 0}
    rows = []
    candidates = sorted(
        ballot.candidates.select_related("member__unit"),
        key=lambda candidate: (
            candidate.final_rank is None,
            candidate.final_rank or 0,
            candidate.position,
            candidate.pk,
        ),
    )
    for candidate in candidates:
        award = candidate.final_award
        votes = counts.get(candidate.pk, 0)
        percentage = (Decimal(votes) * 100 / present).quantize(Decimal("0.01")) if present else Decimal(0)
        passed = percentage >= ballot.required_percentage and taken[award] < limits[award]
        if passed:
            taken[award] += 1
        rows.append(
            TallyRow(
                candidate_id=candidate.pk,
                member=candidate.member,
                award=award,
                award_label=str(ProposedAward(award).label),
                rank=candidate.final_rank,
                total=candidate.total,
                votes=votes,
                percentage=percentage,
                passed=passed,
                ballot_award=candidate.award,
                ballot_rank=candidate.rank,
            )
        )
    return Tally(present=present, ballots=ballots, required_percentage=ballot.required_percentage, rows=rows)


def closed_ballot(block: Block) -> Ballot | None:
    return (
        Ballot.objects.filter(meeting__block=block, is_open=False)
        .select_related("meeting")
        .order_by("-closed_at", "-id")
        .first()
    )


def round_is_locked(block: Block) -> bool:
    round_ = getattr(block, "round", None) if hasattr(block, "round") else None
    return round_ is not None and round_.status == RoundStatus.LOCKED
