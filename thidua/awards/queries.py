"""Reads of the awards app: the rule sets in force (with the province's adjustments), reward money, the
eligibility radar of a subtree and the quota usage."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.awards import rulesets as rulesets_module
from thidua.awards.adapter import collective_histories, person_histories, unit_key
from thidua.awards.catalog import catalog
from thidua.awards.engine import OneYearAway, Reward, RewardError, Verdict, reward_amount, screen
from thidua.awards.rulesets import RuleSet, with_overrides
from thidua.awards.screening import Screening, screen_histories, screen_people
from thidua.awards.terms import Outcome, SubjectKind
from thidua.org.models import Person, Unit
from thidua.org.queries import scope_for, subtree_q, visible_people, visible_units
from thidua.records.models import Honour as HonourRow

from .models import RuleSetRecord

# "Sắp đủ điều kiện" is about the awards that take several years to earn. The yearly titles (LĐTT, CSTĐCS and
# the collective ones) are a year away for almost everyone, so listing them would drown the list.
FORECAST = ("BK_TINH", "CSTD_TINH", "CSTD_TQ", "BK_TTG", "HCLD3")
# Forecasting costs several evaluations per person and award: above this many people, the radar forecasts only
# when one award is chosen.
FORECAST_MAX_PEOPLE = 20_000

# --------------------------------------------------------------------------------------------- rule sets


def file_ruleset(ruleset_id: str) -> RuleSet:
    return rulesets_module.get_ruleset(ruleset_id)


def effective_rulesets() -> tuple[RuleSet, ...]:
    """The packaged rule sets with the province's adjustments applied (one query)."""
    adjustments = {
        record.ruleset_id: record.adjustments
        for record in RuleSetRecord.objects.only(
            "ruleset_id", "quotas", "vote_thresholds", "base_salary", "money_rounding"
        )
    }
    return tuple(
        with_overrides(ruleset, **adjustments[ruleset.id]) if adjustments.get(ruleset.id) else ruleset
        for ruleset in rulesets_module.rulesets()
    )


def ruleset_for_review_year(year: int) -> RuleSet | None:
    """The rule set in force on 31 December of ``year``, adjusted by the province; None when none is loaded."""
    return rulesets_module.ruleset_for_year(year, effective_rulesets())


def ruleset_on(day: datetime.date) -> RuleSet | None:
    return rulesets_module.ruleset_for_date(day, effective_rulesets())


def reward(award_code: str, on: datetime.date, subject=SubjectKind.INDIVIDUAL) -> Reward:
    """The bonus for ``award_code`` decided on ``on``: multiplier × base salary in force that day (households
    1.5 ×), rounded as the rule set in force that day says, with the province's adjustments. Raises RewardError."""
    ruleset = ruleset_on(on)
    if ruleset is None:
        raise RewardError(_("Chưa có bộ quy tắc áp dụng cho ngày %(day)s") % {"day": on.strftime("%d/%m/%Y")})
    return reward_amount(award_code, on, ruleset, subject)


def reward_or_none(award_code: str, on: datetime.date, subject=SubjectKind.INDIVIDUAL) -> Reward | None:
    try:
        return reward(award_code, on, subject)
    except RewardError:
        return None


# --------------------------------------------------------------------------------------------- radar


@dataclass
class RadarRow:
    subject: Person | Unit
    verdict: Verdict  # the verdict for the review year
    outlook: OneYearAway | None = None  # for "sắp đủ điều kiện": what next year must bring
    money: Reward | None = None

    @property
    def award_name(self) -> str:
        return catalog().get(self.verdict.award).name_vi

    @property
    def is_person(self) -> bool:
        return isinstance(self.subject, Person)

    @property
    def unit(self) -> Unit | None:
        return self.subject.unit if self.is_person else self.subject

    @property
    def reasons(self) -> list[str]:
        """The criteria met (on the route that is met), in the engine's words."""
        return [c.text for c in self.verdict.criteria if c.met and c.route in (None, self.verdict.route)]


class LazyRows(Sequence):
    """Radar rows built only when read: a page of the radar re-evaluates a hundred verdicts, not a province."""

    def __init__(self, keys: list, build):
        self.keys, self._build = keys, build

    def __len__(self) -> int:
        return len(self.keys)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self._build(self.keys[index])
        return self._build([self.keys[index]])[0]

    def __iter__(self):
        return iter(self._build(self.keys))


@dataclass
class QuotaUsage:
    award: str
    of: str
    percent: object
    base: int  # eligible for ``of`` in the subtree
    cap: int
    eligible: int  # eligible for ``award``
    recorded: int  # already recorded for the year in the subtree

    @property
    def over(self) -> bool:
        return self.eligible > self.cap

    @property
    def award_name(self) -> str:
        return catalog().get(self.award).name_vi

    @property
    def of_name(self) -> str:
        return catalog().get(self.of).name_vi


@dataclass
class Radar:
    unit: Unit
    year: int
    ruleset: RuleSet | None
    counts: Counter = field(default_factory=Counter)
    eligible: Sequence[RadarRow] = ()
    soon: Sequence[RadarRow] = ()
    manual: Sequence[RadarRow] = ()
    quotas: list[QuotaUsage] = field(default_factory=list)
    money_date: datetime.date | None = None
    people: int = 0
    collectives: int = 0
    forecast_skipped: bool = False

    @property
    def no_ruleset(self) -> bool:
        return self.ruleset is None

    @property
    def manual_counts(self) -> list[tuple[str, int]]:
        counts: dict[str, int] = {}
        for (award, outcome), number in self.counts.items():
            if outcome == Outcome.MANUAL_ONLY.value:
                counts[award] = counts.get(award, 0) + number
        return [(catalog().get(code).name_vi, counts[code]) for code in catalog().codes() if code in counts]

    def counts_by_award(self) -> list[tuple[str, str, int, int]]:
        """(code, name, eligible, soon) for every award with at least one row."""
        soon: dict[str, int] = {}
        for _subject, award in getattr(self.soon, "keys", ()):
            soon[award] = soon.get(award, 0) + 1
        rows = []
        for code in catalog().codes():
            eligible = self.counts.get((code, Outcome.ELIGIBLE.value), 0)
            if eligible or soon.get(code):
                rows.append((code, catalog().get(code).name_vi, eligible, soon.get(code, 0)))
        return rows


def radar_people(user, unit: Unit, *, text: str = ""):
    from thidua.org.queries import search_people

    people = visible_people(user).filter(subtree_q(unit, "unit__"), archived=False)
    if text:
        people = search_people(people, text)
    return people


def radar(
    user,
    unit: Unit,
    year: int,
    *,
    award: str | None = None,
    kind: str = "",
    text: str = "",
    money_date: datetime.date | None = None,
    workers: int | None = None,
) -> Radar:
    """Who in ``unit``'s subtree (as far as ``user`` may see) qualifies for what in review year ``year``, and who
    is one year away. ``award`` limits to one code; ``kind`` to "individual" or "collective"; ``text`` searches
    names. Money is computed for ``money_date`` (default today).

    The whole subtree is screened (in bulk, on every core when it is big); the rows are built when read.
    """
    ruleset = ruleset_for_review_year(year)
    result = Radar(unit=unit, year=year, ruleset=ruleset, money_date=money_date or datetime.date.today())
    if ruleset is None:
        return result
    awards = [award] if award else None
    forecast = [code for code in FORECAST if award in (None, code)]
    screenings: list[Screening] = []
    names: dict[str, str] = {}
    person_qs = None
    if kind in ("", SubjectKind.INDIVIDUAL):
        person_qs = radar_people(user, unit, text=text)
        if award is None and person_qs.count() > FORECAST_MAX_PEOPLE:
            forecast, result.forecast_skipped = [], True
    options = {"awards": awards, "forecast": forecast, "keep_manual": bool(award), "workers": workers}
    if person_qs is not None:
        screening = screen_people(person_qs, year, ruleset, **options)
        screenings.append(screening)
        result.people = screening.subjects
    units: dict[str, Unit] = {}
    if kind in ("", SubjectKind.COLLECTIVE):
        unit_qs = visible_units(user).filter(subtree_q(unit), effective_to__isnull=True)
        if text:
            from thidua.org.queries import search_units

            unit_qs = search_units(unit_qs, text)
        unit_list = list(unit_qs.order_by("path"))
        units = {unit_key(u.pk): u for u in unit_list}
        collective = collective_histories(unit_list, year)
        screenings.append(screen_histories(list(collective.values()), year, ruleset, **options))
        result.collectives = len(collective)
        names |= {key: u.name_sort for key, u in units.items()}
    for screening in screenings:
        result.counts.update(screening.counts)
    keys = {
        name: [k for s in screenings for k in getattr(s, name)] for name in ("eligible", "soon", "manual")
    }
    if person_qs is not None and any(
        not subject.startswith("u") for ks in keys.values() for subject, _a in ks
    ):
        names |= {str(pk): name for pk, name in person_qs.order_by().values_list("pk", "name_sort")}
    order = {code: index for index, code in enumerate(catalog().codes())}
    for found in keys.values():
        found.sort(key=lambda key: (order[key[1]], not key[0].startswith("u"), names.get(key[0], ""), key[0]))

    kept = {}
    for screening in screenings:
        kept |= screening.histories or {}

    def load(subject_ids) -> dict:
        missing = [int(s) for s in subject_ids if s not in kept and not s.startswith("u")]
        found = (
            {str(pk): history for pk, history in person_histories(missing, year).items()} if missing else {}
        )
        return kept | found

    reward_for = _reward_cache()

    def build(found_keys, with_outlook=False):
        if not found_keys:
            return []
        histories = load({subject for subject, _award in found_keys})
        base = Screening(year=year, ruleset=ruleset, histories=histories)
        verdicts = base.verdicts(found_keys)
        outlooks = {(o.subject, o.award): o for o in base.outlooks(found_keys)} if with_outlook else {}
        person_ids = [int(v.subject) for v in verdicts if not v.subject.startswith("u")]
        people = Person.objects.select_related("unit").in_bulk(person_ids) if person_ids else {}
        rows = []
        for verdict in verdicts:
            if verdict.subject.startswith("u"):
                subject, subject_kind = units[verdict.subject], SubjectKind.COLLECTIVE
            else:
                subject, subject_kind = people[int(verdict.subject)], SubjectKind.INDIVIDUAL
            outlook = outlooks.get((verdict.subject, verdict.award))
            money = reward_for(verdict.award, result.money_date, subject_kind)
            rows.append(RadarRow(subject, verdict, outlook, money))
        return rows

    result.eligible = LazyRows(keys["eligible"], build)
    result.soon = LazyRows(keys["soon"], lambda found: build(found, with_outlook=True))
    result.manual = LazyRows(keys["manual"], build)
    result.quotas = quota_usage(ruleset, unit, year, result.counts)
    return result


def _reward_cache():
    cache: dict = {}

    def get(code, day, kind):
        key = (code, day, kind)
        if key not in cache:
            cache[key] = reward_or_none(code, day, kind)
        return cache[key]

    return get


def quota_usage(ruleset: RuleSet, unit: Unit, year: int, counts: Counter) -> list[QuotaUsage]:
    """Each quota of the rule set against the subtree: the cap (percent × those eligible for the base title,
    rounded down), those eligible, and those already recorded for the year. One query (none without quotas)."""
    if not ruleset.quotas:
        return []
    codes = set(ruleset.quotas) | {quota.of for quota in ruleset.quotas.values()}
    recorded: dict[str, int] = {}
    rows = (
        HonourRow.objects.filter(year=year, code__in=codes, revoked=False)
        .filter(subtree_q(unit, "person__unit__") | subtree_q(unit, "unit__"))
        .values_list("code", flat=True)
    )
    for code in rows:
        recorded[code] = recorded.get(code, 0) + 1
    usages = []
    for code, quota in sorted(ruleset.quotas.items()):
        base = counts.get((quota.of, Outcome.ELIGIBLE.value), 0)
        usages.append(
            QuotaUsage(
                award=code,
                of=quota.of,
                percent=quota.percent,
                base=base,
                cap=quota.cap(base),
                eligible=counts.get((code, Outcome.ELIGIBLE.value), 0),
                recorded=recorded.get(code, 0),
            )
        )
    return usages


# --------------------------------------------------------------------------------------------- one subject


def person_verdicts(person: Person, year: int) -> tuple[RuleSet | None, list[Verdict]]:
    """Every verdict for one person in review year ``year`` (the person's page)."""
    ruleset = ruleset_for_review_year(year)
    history = person_histories([person.pk], year, details=True)[person.pk]
    if ruleset is None:
        return None, screen([history], year, rulesets_module.ruleset_for_year(year))
    return ruleset, screen([history], year, ruleset)


def collective_verdicts(unit: Unit, year: int) -> tuple[RuleSet | None, list[Verdict]]:
    from thidua.awards.engine import CollectiveHistory

    ruleset = ruleset_for_review_year(year)
    history = collective_histories([unit], year).get(unit.pk) or CollectiveHistory(unit_key(unit.pk))
    return ruleset, screen([history], year, ruleset)


def recorded_awards(user, unit: Unit, year: int):
    """Honours recorded for ``year`` in the subtree (for the registration totals of other apps)."""
    scope = scope_for(user)
    rows = HonourRow.objects.filter(year=year).filter(
        Q(subtree_q(unit, "person__unit__")) | Q(subtree_q(unit, "unit__"))
    )
    if not scope.is_admin:
        ids = sorted(scope.unit_ids())
        rows = rows.filter(Q(person__unit_id__in=ids) | Q(unit_id__in=ids))
    return rows
