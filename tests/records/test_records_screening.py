"""Screening a batch on several processes gives exactly what one process gives."""

import datetime
import random

import pytest

from thidua.awards import screening
from thidua.awards.engine import Honour, Initiative, PersonHistory, YearRecord
from thidua.awards.queries import ruleset_for_review_year
from thidua.awards.rulesets import get_ruleset
from thidua.awards.terms import Rating, Scope
from thidua.org import services as org
from thidua.org.enums import Gender, UnitType
from thidua.org.models import Person
from thidua.records import services

RATINGS = [Rating.HT, Rating.HTT, Rating.HTT, Rating.HTXS]


def synthetic(count: int, seed: int = 7) -> list[PersonHistory]:
    rng = random.Random(seed)
    people = []
    for n in range(count):
        years = {}
        for year in range(2019, 2026):
            rating = rng.choice(RATINGS)
            titles = (Honour("LDTT"),) if rating is not Rating.HT and year < 2025 else ()
            if rating is Rating.HTXS and year < 2025:
                titles += (Honour("CSTDCS"),)
            awards = (Honour("BK_TINH"),) if rng.random() < 0.1 else ()
            years[year] = YearRecord(rating, titles, awards)
        initiatives = tuple(
            Initiative(f"SK-{n}-{k}", Scope.CO_SO, 2025) for k in range(rng.choice([0, 1, 2]))
        )
        people.append(PersonHistory(str(n), years, initiatives, service_months=60))
    return people


@pytest.fixture
def small_batches(monkeypatch):
    monkeypatch.setattr(screening, "PARALLEL_MIN", 10)


def test_parallel_screening_equals_the_serial_one(small_batches):
    histories = synthetic(300)
    ruleset = get_ruleset("luat-06-2022_nd-152-2025")
    options = {"forecast": ["BK_TINH", "CSTD_TINH"], "keep_manual": True}
    serial = screening.screen_histories(histories, 2025, ruleset, workers=1, **options)
    parallel = screening.screen_histories(histories, 2025, ruleset, workers=2, **options)
    assert parallel.counts == serial.counts
    assert (parallel.eligible, parallel.soon, parallel.manual) == (
        serial.eligible,
        serial.soon,
        serial.manual,
    )
    assert parallel.subjects == serial.subjects == 300
    assert serial.counts[("BK_TINH", "eligible")] > 0 and serial.soon


def test_keys_turn_back_into_the_same_verdicts(small_batches):
    histories = synthetic(40)
    ruleset = get_ruleset("luat-06-2022_nd-152-2025")
    result = screening.screen_histories(histories, 2025, ruleset, workers=2)
    verdicts = result.verdicts(result.eligible[:5])
    assert [(v.subject, v.award, v.outcome.value) for v in verdicts] == [
        (*key, "eligible") for key in result.eligible[:5]
    ]


def _people(count):
    root = org.create_unit(
        actor=None, code="UBND", short_name="UBND", full_name="UBND tỉnh", unit_type=UnitType.PROVINCE
    )
    for n in range(count):
        person = org.create_person(
            actor=None,
            full_name=f"Người {n}",
            gender=Gender.MALE,
            unit=root,
            position_start=datetime.date(2015, 1, 1),
        )
        for year in (2024, 2025):
            services.set_rating(person, actor=None, year=year, rating="HTXS" if n % 3 else "HTT")
        if n % 2:
            services.record_honour(actor=None, person=person, year=2024, code="CSTDCS")
    return Person.objects.filter(unit=root)


@pytest.mark.django_db(transaction=True)
def test_people_read_by_the_workers_equal_people_read_here(small_batches):
    """With a transactional database the workers read their slice themselves where the database allows it
    (PostgreSQL); SQLite's in-memory test database does not, and the parent reads."""
    people = _people(24)
    ruleset = ruleset_for_review_year(2025)
    serial = screening.screen_people(people, 2025, ruleset, workers=1, forecast=["BK_TINH"])
    parallel = screening.screen_people(people, 2025, ruleset, workers=2, forecast=["BK_TINH"])
    assert (parallel.histories is None) is screening._workers_can_read_database()
    assert parallel.counts == serial.counts
    assert sorted(parallel.eligible) == sorted(serial.eligible)
    assert sorted(parallel.soon) == sorted(serial.soon)
    assert (
        serial.counts[("BK_TINH", "eligible")] == 8
    )  # CSTĐCS 2024 (odd n) and HTXS 2025 (n not a multiple of 3)


@pytest.mark.django_db
def test_inside_a_transaction_the_parent_reads_and_the_workers_only_compute(small_batches):
    people = _people(12)
    ruleset = ruleset_for_review_year(2025)
    assert screening._workers_can_read_database() is False
    result = screening.screen_people(people, 2025, ruleset, workers=2)
    assert result.histories is not None and len(result.histories) == 12
    assert result.counts[("LDTT", "eligible")] == 12
