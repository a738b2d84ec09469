"""Builders for the eligibility-engine tests: short, explicit histories."""

import pytest

from thidua.awards.engine import Discipline, Honour, Initiative, PersonHistory, YearRecord
from thidua.awards.rulesets import get_ruleset
from thidua.awards.terms import Rating, Scope

ND98 = "luat-06-2022_nd-98-2023"
ND152 = "luat-06-2022_nd-152-2025"


def person(years=None, *, initiatives=(), discipline=(), under_review=False, service_months=None, pid="p1"):
    """years: {year: (rating or None, [title codes or Honour])}; initiatives: [(id, scope, year[, used])]."""
    records = {}
    for year, (rating, titles) in (years or {}).items():
        rating = None if rating is None else Rating(rating)
        records[year] = YearRecord(rating, tuple(t if isinstance(t, Honour) else Honour(t) for t in titles))
    inits = tuple(
        i if isinstance(i, Initiative) else Initiative(i[0], Scope(i[1]), i[2], *(i[3:] or ()))
        for i in initiatives
    )
    return PersonHistory(pid, records, inits, tuple(discipline), under_review, service_months)


@pytest.fixture
def rs152():
    return get_ruleset(ND152)


@pytest.fixture
def rs98():
    return get_ruleset(ND98)


@pytest.fixture
def make_person():
    return person


__all__ = ["ND98", "ND152", "Discipline", "person"]
