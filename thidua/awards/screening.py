"""Screening many subjects at once: the engine over a batch of histories, on every core when the batch is big.

This is the path of the eligibility radar and of ``bench/screening.py``: ``screen_people`` reads the records in
bulk (``thidua.awards.adapter``) and ``screen_histories`` runs the pure engine. A batch of
``PARALLEL_MIN`` histories or more is split between forked worker processes (one per core): the histories are
read once in the parent and inherited by the workers, which only compute (they never touch the database) and
send back what the caller keeps, the eligible verdicts, the one-year-away outlooks and the outcome counts.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings

from thidua.awards.engine import OneYearAway, Verdict, one_year_away, screen
from thidua.awards.rulesets import RuleSet
from thidua.awards.terms import Outcome, SubjectKind

# Below this many histories a batch is screened in the calling process (forking costs more than it saves).
PARALLEL_MIN = 5_000


@dataclass
class Screening:
    year: int
    ruleset: RuleSet | None
    eligible: list[Verdict] = field(default_factory=list)
    soon: list[OneYearAway] = field(default_factory=list)
    manual: list[Verdict] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # (award code, outcome value) -> number of verdicts
    subjects: int = 0

    @property
    def covered(self) -> bool:
        """Whether a rule set governs the review year."""
        return self.ruleset is not None and self.ruleset.covers_year(self.year)

    @property
    def verdicts(self) -> int:
        return sum(self.counts.values())

    def merge(self, other: Screening) -> None:
        self.eligible += other.eligible
        self.soon += other.soon
        self.manual += other.manual
        self.counts.update(other.counts)
        self.subjects += other.subjects


def _screen_chunk(histories: Sequence, year: int, ruleset, awards, forecast: frozenset, keep_manual: bool):
    result = Screening(year=year, ruleset=ruleset, subjects=len(histories))
    if not histories:
        return result
    by_id = {history.id: history for history in histories} if forecast else {}
    for verdict in screen(histories, year, ruleset, awards):
        outcome = verdict.outcome
        result.counts[(verdict.award, outcome.value)] += 1
        if outcome is Outcome.ELIGIBLE:
            result.eligible.append(verdict)
        elif outcome is Outcome.INELIGIBLE:
            if verdict.award in forecast:
                history = by_id[verdict.subject]
                if history.kind is SubjectKind.INDIVIDUAL and not history.under_review:
                    outlook = one_year_away(history, verdict.award, year)
                    if outlook is not None:
                        result.soon.append(outlook)
        elif outcome is Outcome.MANUAL_ONLY and keep_manual:
            result.manual.append(verdict)
    return result


# The batch a forked worker reads: set by the parent just before it forks, inherited by the children.
_JOB: tuple | None = None


def _work(part: int) -> Screening:
    histories, parts, year, ruleset, awards, forecast, keep_manual = _JOB
    size = -(-len(histories) // parts)
    return _screen_chunk(
        histories[part * size : (part + 1) * size], year, ruleset, awards, forecast, keep_manual
    )


def default_workers() -> int:
    configured = getattr(settings, "THIDUA_SCREENING_WORKERS", None)
    if configured is not None:
        return max(1, int(configured))
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


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
    ``keep_manual``: keep the manual-only verdicts (awards without machine-checkable criteria).
    ``workers``: processes to use for a big batch (default: one per core; 1 = in this process).
    """
    awards = list(awards) if awards is not None else None
    forecast = frozenset(forecast)
    histories = list(histories)
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1 or len(histories) < PARALLEL_MIN or "fork" not in multiprocessing.get_all_start_methods():
        return _screen_chunk(histories, year, ruleset, awards, forecast, keep_manual)
    global _JOB
    _JOB = (histories, workers, year, ruleset, awards, forecast, keep_manual)
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            parts = pool.map(_work, range(workers), chunksize=1)
    finally:
        _JOB = None
    result = Screening(year=year, ruleset=ruleset)
    for part in parts:
        result.merge(part)
    result.ruleset = ruleset
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
    """Read the records of ``people`` (a Person queryset or ids) in bulk and screen them."""
    from thidua.awards.adapter import person_histories

    histories = list(person_histories(people, year).values())
    return screen_histories(
        histories, year, ruleset, awards=awards, forecast=forecast, keep_manual=keep_manual, workers=workers
    )
