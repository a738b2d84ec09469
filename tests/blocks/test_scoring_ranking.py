"""Ranking block members by total, with tie-breaks, shared ranks and unranked disqualified members."""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thidua.blocks.ranking import BySubtotal, ByVotes, Candidate, rank_members

D = Decimal


def test_rank_by_total_with_shared_ranks():
    candidates = [
        Candidate("Cai Lậy", D("118.4")),
        Candidate("Gò Công", D("120")),
        Candidate("Mỹ Tho", D("118.4")),
        Candidate("Cái Bè", D("101.5")),
    ]

    ranked = rank_members(candidates)

    assert [(r.member, r.rank) for r in ranked] == [
        ("Gò Công", 1),
        ("Cai Lậy", 2),
        ("Mỹ Tho", 2),
        ("Cái Bè", 4),
    ]


def test_rank_tie_breaks_subtotal_then_votes():
    candidates = [
        Candidate("Cai Lậy", D("118.4"), subtotals={"1": D("94.4")}, votes=5),
        Candidate("Mỹ Tho", D("118.4"), subtotals={"1": D("95")}, votes=2),
        Candidate("Tân Phước", D("118.4"), subtotals={"1": D("94.4")}, votes=7),
        Candidate("Chợ Gạo", D("118.4"), subtotals={"1": D("94.4")}, votes=5),
    ]

    ranked = rank_members(candidates, tie_breaks=[BySubtotal("1"), ByVotes()])

    assert [(r.member, r.rank) for r in ranked] == [
        ("Mỹ Tho", 1),
        ("Tân Phước", 2),
        ("Cai Lậy", 3),
        ("Chợ Gạo", 3),
    ]
    assert ranked[0].keys == (D("118.4"), D(95), D(2))


def test_rank_disqualified_members_are_unranked_and_last():
    candidates = [
        Candidate("Cai Lậy", D("124.4"), disqualified=True),
        Candidate("Mỹ Tho", D("110")),
        Candidate("Gò Công", D("90")),
    ]

    ranked = rank_members(candidates)

    assert [(r.member, r.rank, r.disqualified) for r in ranked] == [
        ("Mỹ Tho", 1, False),
        ("Gò Công", 2, False),
        ("Cai Lậy", None, True),
    ]


def test_rank_refuses_duplicate_members():
    with pytest.raises(ValueError) as error:
        rank_members([Candidate("A", D(1)), Candidate("A", D(2))])

    assert str(error.value) == "Đơn vị bị lặp trong danh sách xếp hạng: A."


candidate_lists = st.lists(
    st.builds(
        Candidate,
        member=st.uuids().map(str),
        total=st.decimals(min_value=D(0), max_value=D(130), places=1),
        disqualified=st.booleans(),
        votes=st.integers(min_value=0, max_value=9),
    ),
    max_size=12,
    unique_by=lambda candidate: candidate.member,
)


@given(candidate_lists)
def test_property_ranks_follow_totals(candidates):
    ranked = [r for r in rank_members(candidates, tie_breaks=[ByVotes()]) if r.rank is not None]

    assert [r.rank for r in ranked] == sorted(r.rank for r in ranked)
    for better, worse in itertools.pairwise(ranked):
        assert better.total >= worse.total
        assert (better.rank == worse.rank) == (better.keys == worse.keys)
    assert all(r.rank <= position for position, r in enumerate(ranked, start=1))


@given(candidate_lists)
def test_property_every_member_once_and_only_disqualified_unranked(candidates):
    ranked = rank_members(candidates)

    assert sorted(r.member for r in ranked) == sorted(c.member for c in candidates)
    assert {r.member for r in ranked if r.rank is None} == {c.member for c in candidates if c.disqualified}
