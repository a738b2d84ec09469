"""Hypothesis properties of the eligibility engine."""

import dataclasses
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from thidua.awards.engine import Discipline, Honour, Initiative, PersonHistory, YearRecord, evaluate
from thidua.awards.rulesets import get_ruleset
from thidua.awards.terms import HonourType, Outcome, Rating, Scope

RS = get_ruleset("luat-06-2022_nd-152-2025")
YEAR = 2025
AWARDS = ("LDTT", "CSTDCS", "CSTD_TINH", "CSTD_TQ", "BK_TINH", "BK_TTG", "HCLD3")
YEARS = range(2014, YEAR + 1)

honours = st.builds(
    Honour,
    code=st.sampled_from(["LDTT", "CSTDCS", "CSTD_TINH", "BK_TINH", "BK_TTG"]),
    type=st.sampled_from([HonourType.THUONG_XUYEN] * 4 + [HonourType.DOT_XUAT, HonourType.CHUYEN_DE]),
    revoked=st.sampled_from([False, False, False, True]),
)
records = st.builds(
    YearRecord,
    rating=st.sampled_from([None, Rating.KHT, Rating.HT, Rating.HTT, Rating.HTT, Rating.HTXS, Rating.HTXS]),
    titles=st.lists(honours, max_size=3).map(tuple),
)
initiatives = st.lists(
    st.builds(
        Initiative,
        id=st.sampled_from(["SK-1", "SK-2", "SK-3", "SK-4"]),
        scope=st.sampled_from(list(Scope)),
        year=st.integers(2021, YEAR),
        used=st.sampled_from([False, False, True]),
    ),
    max_size=4,
    unique_by=lambda i: i.id,
).map(tuple)
days = st.dates(date(2019, 1, 1), date(2026, 12, 31))
disciplines = st.builds(
    lambda form, start, length: Discipline(form, start, None if length is None else start + length),
    st.sampled_from(["khien_trach", "canh_cao"]),
    days,
    st.one_of(st.none(), st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=800))),
)
people = st.builds(
    PersonHistory,
    id=st.just("p"),
    years=st.dictionaries(st.sampled_from(list(YEARS)), records, max_size=len(YEARS)),
    initiatives=initiatives,
    discipline=st.lists(disciplines, max_size=2).map(tuple),
    under_review=st.just(False),
    service_months=st.one_of(st.none(), st.integers(0, 400)),
)


def outcomes(history):
    return {code: evaluate(history, code, YEAR, RS).outcome for code in AWARDS}


@settings(max_examples=300, deadline=None)
@given(people)
def test_under_review_is_always_ineligible(history):
    flagged = dataclasses.replace(history, under_review=True)
    assert set(outcomes(flagged).values()) == {Outcome.INELIGIBLE}


@settings(max_examples=300, deadline=None)
@given(people, disciplines)
def test_adding_discipline_never_turns_ineligible_into_eligible(history, extra):
    before = outcomes(history)
    after = outcomes(dataclasses.replace(history, discipline=(*history.discipline, extra)))
    for code in AWARDS:
        if before[code] is Outcome.INELIGIBLE:
            assert after[code] is Outcome.INELIGIBLE, code


@settings(max_examples=300, deadline=None)
@given(people, st.sampled_from(list(YEARS)))
def test_adding_an_htxs_year_never_removes_an_eligibility(history, year):
    years = dict(history.years)
    years[year] = dataclasses.replace(years.get(year, YearRecord()), rating=Rating.HTXS)
    before = outcomes(history)
    after = outcomes(dataclasses.replace(history, years=years))
    for code in AWARDS:
        if before[code] is Outcome.ELIGIBLE:
            assert after[code] is Outcome.ELIGIBLE, code


@settings(max_examples=300, deadline=None)
@given(people, st.data())
def test_a_revoked_award_never_helps(history, data):
    listed = [(y, n) for y, rec in history.years.items() for n in range(len(rec.titles))]
    if not listed:
        return
    year, n = data.draw(st.sampled_from(listed))
    record = history.years[year]
    titles = list(record.titles)
    titles[n] = dataclasses.replace(titles[n], revoked=True)
    revoked = dataclasses.replace(
        history, years={**history.years, year: dataclasses.replace(record, titles=tuple(titles))}
    )
    before, after = outcomes(history), outcomes(revoked)
    for code in AWARDS:
        if before[code] is Outcome.INELIGIBLE:
            assert after[code] is Outcome.INELIGIBLE, code


@settings(max_examples=300, deadline=None)
@given(people, st.data())
def test_using_an_initiative_never_helps(history, data):
    if not history.initiatives:
        return
    n = data.draw(st.integers(0, len(history.initiatives) - 1))
    inits = list(history.initiatives)
    inits[n] = dataclasses.replace(inits[n], used=True)
    before, after = outcomes(history), outcomes(dataclasses.replace(history, initiatives=tuple(inits)))
    for code in AWARDS:
        if before[code] is Outcome.INELIGIBLE:
            assert after[code] is Outcome.INELIGIBLE, code


@settings(max_examples=300, deadline=None)
@given(people)
def test_verdict_is_consistent_with_its_criteria(history):
    available = {i.id for i in history.initiatives if not i.used}
    for code in AWARDS:
        v = evaluate(history, code, YEAR, RS)
        common = all(c.met for c in v.criteria if c.route is None)
        routes = {c.route for c in v.criteria if c.route is not None}
        routes_ok = not routes or any(all(c.met for c in v.criteria if c.route == r) for r in routes)
        assert v.eligible is (common and routes_ok), code
        assert len(set(v.initiatives)) == len(v.initiatives)
        assert set(v.initiatives) <= available
        if not v.eligible:
            assert v.initiatives == ()
