"""Screening many subjects at once: the engine over a batch of histories, on every core when the batch is big.

This is the path of the eligibility radar and of ``bench/screening.py``. ``screen_people`` reads the records in
bulk (``thidua.awards.adapter``) and runs the pure engine; ``screen_histories`` screens histories already read.

A batch of ``PARALLEL_MIN`` subjects or more is split between forked worker processes, one per core. For people
read from the database, each worker reads its own contiguous slice of the people (on a fresh database
connection of its own) and screens it; otherwise the workers inherit the histories from the parent. Workers
send back only keys ((subject id, award code) pairs) and outcome counts, because unpickling a hundred thousand
verdicts with their criteria would cost more than computing them. A caller turns the keys it shows (a page of
the radar) back into verdicts with ``Screening.verdicts`` / ``Screening.outlooks``, which re-evaluate those few
subjects.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, connections
from django.db.models import QuerySet

from thidua.awards.engine import OneYearAway, Verdict, evaluate, one_year_away, screen
from thidua.awards.rulesets import RuleSet
from thidua.awards.terms import Outcome, SubjectKind

# Below this many subjects a batch is screened in the calling process (forking costs more than it saves).
PARALLEL_MIN = 5_000

Key = tuple[str, str]  # (subject id, award code)


@dataclass
class Screening:
    """The outcome of screening a batch: keys of the verdicts worth showing, and counts of every outcome."""

    year: int
    ruleset: RuleSet | None
    eligible: list[Key] = field(default_factory=list)
    soon: list[Key] = field(default_factory=list)  # ineligible now, one year away (forecast awards only)
    manual: list[Key] = field(default_factory=list)  # manual-only verdicts (when asked for)
    counts: Counter = field(default_factory=Counter)  # (award code, outcome value) -> number of verdicts
    subjects: int = 0
    histories: dict | None = None  # subject id -> history, when they were read in this process
    workers: int = 1
    timings: list = field(default_factory=list)  # per process: (seconds reading, seconds screening)

    @property
    def covered(self) -> bool:
        """Whether a rule set governs the review year."""
        return self.ruleset is not None and self.ruleset.covers_year(self.year)

    @property
    def verdict_count(self) -> int:
        return sum(self.counts.values())

    def eligible_count(self, award: str) -> int:
        return self.counts.get((award, Outcome.ELIGIBLE.value), 0)

    def merge(self, other: Screening) -> None:
        self.eligible += other.eligible
        self.soon += other.soon
        self.manual += other.manual
        self.counts.update(other.counts)
        self.subjects += other.subjects
        self.timings += other.timings

    # -- back from keys to verdicts ----------------------------------------------------------------------------

    def _histories_for(self, keys: Iterable[Key], loader) -> dict:
        wanted = {subject for subject, _award in keys}
        if self.histories is not None and wanted <= self.histories.keys():
            return self.histories
        return loader(wanted)

    def verdicts(self, keys: Sequence[Key], loader=None) -> list[Verdict]:
        """The verdicts for ``keys``, re-evaluated from the histories (``loader(subject ids) -> {id: history}``
        reads those not kept in this process)."""
        histories = self._histories_for(keys, loader)
        return [evaluate(histories[subject], award, self.year, self.ruleset) for subject, award in keys]

    def outlooks(self, keys: Sequence[Key], loader=None) -> list[OneYearAway]:
        histories = self._histories_for(keys, loader)
        found = [one_year_away(histories[subject], award, self.year) for subject, award in keys]
        return [outlook for outlook in found if outlook is not None]


def _screen_chunk(histories: Sequence, year: int, ruleset, awards, forecast: frozenset, keep_manual: bool):
    result = Screening(year=year, ruleset=ruleset, subjects=len(histories))
    if not histories:
        return result
    by_id = {history.id: history for history in histories} if forecast else {}
    counts = result.counts
    for verdict in screen(histories, year, ruleset, awards):
        outcome = verdict.outcome
        counts[(verdict.award, outcome.value)] += 1
        if outcome is Outcome.ELIGIBLE:
            result.eligible.append((verdict.subject, verdict.award))
        elif outcome is Outcome.INELIGIBLE:
            if verdict.award in forecast and _one_year_away(by_id[verdict.subject], verdict.award, year):
                result.soon.append((verdict.subject, verdict.award))
        elif outcome is Outcome.MANUAL_ONLY and keep_manual:
            result.manual.append((verdict.subject, verdict.award))
    return result


def _one_year_away(history, award: str, year: int) -> bool:
    if history.kind is not SubjectKind.INDIVIDUAL or history.under_review:
        return False
    return one_year_away(history, award, year) is not None


# --------------------------------------------------------------------------------------------- workers

# The batch the forked workers read: set by the parent just before it forks, inherited by the children.
_JOB: dict | None = None
# Database connections inherited from the parent: kept referenced (never closed, never used) in a worker, since
# closing one would end the parent's session too.
_INHERITED: list = []


def _detach_inherited_connections() -> None:
    for conn in connections.all(initialized_only=True):
        if conn.connection is not None:
            _INHERITED.append(conn.connection)
            conn.connection = None


def _work(part: int) -> Screening:
    job = _JOB
    started = time.perf_counter()
    if "ranges" in job:
        from thidua.awards.adapter import person_histories

        _detach_inherited_connections()
        low, high = job["ranges"][part]
        people = job["people"]
        if isinstance(people, QuerySet):
            chunk = people.filter(pk__gte=low, pk__lte=high)
        else:
            chunk = [pk for pk in people if low <= pk <= high]
        histories = list(person_histories(chunk, job["year"]).values())
    else:
        histories = job["histories"]
        size = -(-len(histories) // job["parts"])
        histories = histories[part * size : (part + 1) * size]
    read = time.perf_counter()
    result = _screen_chunk(
        histories, job["year"], job["ruleset"], job["awards"], job["forecast"], job["keep_manual"]
    )
    result.timings = [(read - started, time.perf_counter() - read)]
    result.ruleset = None  # the parent has it (and a rule set does not pickle)
    return result


def _run(job: dict, parts: int, year: int, ruleset) -> Screening:
    global _JOB
    _JOB = job
    try:
        with multiprocessing.get_context("fork").Pool(parts) as pool:
            results = pool.map(_work, range(parts), chunksize=1)
    finally:
        _JOB = None
    merged = Screening(year=year, ruleset=ruleset, workers=parts)
    for result in results:
        merged.merge(result)
    return merged


def default_workers() -> int:
    configured = getattr(settings, "THIDUA_SCREENING_WORKERS", None)
    if configured is not None:
        return max(1, int(configured))
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _workers_can_read_database() -> bool:
    """A worker opens its own connection: it must see what the parent sees (no open transaction, no in-memory
    database)."""
    if connection.in_atomic_block:
        return False
    return not (connection.vendor == "sqlite" and connection.is_in_memory_db())


def screen_histories(
    histories: Sequence,
    year: int,
    ruleset: RuleSet | None,
    *,
    awards: Iterable[str] | None = None,
    forecast: Iterable[str] = (),
    keep_manual: bool = False,
    workers: int | None = None,
) -> Screening:
    """Screen ``histories`` for ``awards`` (default: every award applicable to each) in review year ``year``.

    ``forecast``: award codes for which an ineligible individual is checked for "one year away".
    ``keep_manual``: keep the keys of manual-only verdicts (awards without machine-checkable criteria).
    ``workers``: processes for a big batch (default: one per core; 1: in this process).
    """
    awards = list(awards) if awards is not None else None
    forecast = frozenset(forecast)
    histories = list(histories)
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1 or len(histories) < PARALLEL_MIN or not _can_fork():
        result = _screen_chunk(histories, year, ruleset, awards, forecast, keep_manual)
    else:
        job = {
            "histories": histories,
            "parts": workers,
            "year": year,
            "ruleset": ruleset,
            "awards": awards,
            "forecast": forecast,
            "keep_manual": keep_manual,
        }
        result = _run(job, workers, year, ruleset)
    result.histories = {history.id: history for history in histories}
    return result


def screen_people(
    people,
    year: int,
    ruleset: RuleSet | None,
    *,
    awards: Iterable[str] | None = None,
    forecast: Iterable[str] = (),
    keep_manual: bool = False,
    workers: int | None = None,
) -> Screening:
    """Read the records of ``people`` (a Person queryset or ids) in bulk and screen them.

    A big batch is read and screened by the workers, each its own slice of the people; the histories then stay
    in the workers (``Screening.histories`` is None) and ``Screening.verdicts`` needs a loader.
    """
    from thidua.awards.adapter import person_histories

    workers = default_workers() if workers is None else max(1, workers)
    if isinstance(people, QuerySet):
        ids = list(people.order_by("pk").values_list("pk", flat=True))
    else:
        ids = sorted(set(people))
    if workers == 1 or len(ids) < PARALLEL_MIN or not _can_fork() or not _workers_can_read_database():
        histories = person_histories(people if isinstance(people, QuerySet) else ids, year)
        return screen_histories(
            list(histories.values()),
            year,
            ruleset,
            awards=awards,
            forecast=forecast,
            keep_manual=keep_manual,
            workers=workers,
        )
    size = -(-len(ids) // workers)
    ranges = [(ids[start], ids[min(start + size, len(ids)) - 1]) for start in range(0, len(ids), size)]
    job = {
        "people": people if isinstance(people, QuerySet) else ids,
        "ranges": ranges,
        "year": year,
        "ruleset": ruleset,
        "awards": list(awards) if awards is not None else None,
        "forecast": frozenset(forecast),
        "keep_manual": keep_manual,
    }
    return _run(job, len(ranges), year, ruleset)
