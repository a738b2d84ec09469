"""Rank the members of a block by their total, with configurable tie-breaks.

Pure Python. A :class:`Candidate` carries what ranking may look at: the total from
:func:`thidua.blocks.scoring.score_table`, the disqualified flag, group subtotals and the block vote count.
Tie-breaks apply in order (for example the subtotal of "Tiêu chuẩn 1", then the vote). Members still equal
after every tie-break share a rank, and the next rank skips ("1, 2, 2, 4"). Disqualified members ("không xếp
loại") get no rank and come last, in their input order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

__all__ = ["BySubtotal", "ByVotes", "Candidate", "Ranked", "TieBreak", "rank_members"]


@dataclass(frozen=True)
class BySubtotal:
    """Higher subtotal of the group ``code`` first."""

    code: str

    @property
    def label(self) -> str:
        return f"Điểm mục {self.code}"


@dataclass(frozen=True)
class ByVotes:
    """More votes at the block meeting first."""

    @property
    def label(self) -> str:
        return "Số phiếu bầu"


TieBreak = BySubtotal | ByVotes


@dataclass(frozen=True)
class Candidate:
    member: str
    total: Decimal
    disqualified: bool = False
    subtotals: Mapping[str, Decimal] = field(default_factory=dict)
    votes: int | None = None


@dataclass(frozen=True)
class Ranked:
    member: str
    rank: int | None
    total: Decimal
    keys: tuple[Decimal, ...]
    disqualified: bool


def _key(candidate: Candidate, tie_breaks: Sequence[TieBreak]) -> tuple[Decimal, ...]:
    values = [Decimal(candidate.total)]
    for tie_break in tie_breaks:
        if isinstance(tie_break, BySubtotal):
            values.append(Decimal(candidate.subtotals.get(tie_break.code, 0)))
        else:
            values.append(Decimal(candidate.votes or 0))
    return tuple(values)


def rank_members(candidates: Sequence[Candidate], *, tie_breaks: Sequence[TieBreak] = ()) -> list[Ranked]:
    """Ranked members, best first. Equal keys keep their input order and share a rank."""
    members = [candidate.member for candidate in candidates]
    duplicates = sorted({member for member in members if members.count(member) > 1})
    if duplicates:
        raise ValueError(f"Đơn vị bị lặp trong danh sách xếp hạng: {', '.join(duplicates)}.")
    ranked_candidates = [candidate for candidate in candidates if not candidate.disqualified]
    keyed = sorted(
        ((candidate, _key(candidate, tie_breaks)) for candidate in ranked_candidates),
        key=lambda pair: tuple(-value for value in pair[1]),
    )
    result: list[Ranked] = []
    previous_key: tuple[Decimal, ...] | None = None
    rank = 0
    for position, (candidate, key) in enumerate(keyed, start=1):
        if key != previous_key:
            rank = position
            previous_key = key
        result.append(Ranked(candidate.member, rank, Decimal(candidate.total), key, False))
    for candidate in candidates:
        if candidate.disqualified:
            result.append(
                Ranked(candidate.member, None, Decimal(candidate.total), _key(candidate, tie_breaks), True)
            )
    return result
