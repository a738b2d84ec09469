"""The eligibility radar: who in a subtree qualifies for what in a review year, and who is one year away."""

from __future__ import annotations

from dataclasses import dataclass, field

from thidua.awards.catalog import catalog
from thidua.awards.engine import OneYearAway, Verdict, one_year_away, screen
from thidua.awards.terms import Outcome, SubjectKind
from thidua.org.models import Person, Unit
from thidua.org.queries import subtree_q, visible_people, visible_units
from thidua.records.queries import collective_histories, person_histories

# "Sắp đủ điều kiện" is about the awards that take several years to earn. The yearly titles (LĐTT, CSTĐCS and
# the collective ones) are a year away for almost everyone, so listing them would drown the list.
FORECAST = {"BK_TINH", "CSTD_TINH", "CSTD_TQ", "BK_TTG", "HCLD3"}


@dataclass
class RadarRow:
    subject: Person | Unit
    verdict: Verdict
    outlook: OneYearAway | None = None

    @property
    def award_name(self) -> str:
        return catalog().get(self.verdict.award).name_vi

    @property
    def is_person(self) -> bool:
        return isinstance(self.subject, Person)


@dataclass
class Radar:
    year: int
    ruleset: str | None
    eligible: list[RadarRow] = field(default_factory=list)
    soon: list[RadarRow] = field(default_factory=list)

    @property
    def no_ruleset(self) -> bool:
        return self.ruleset is None


def radar(user, unit: Unit, year: int, award: str | None = None) -> Radar:
    """Verdicts for the people and collectives of ``unit``'s subtree that ``user`` may see."""
    people = list(
        visible_people(user)
        .filter(subtree_q(unit, "unit__"), archived=False)
        .select_related("unit")
        .order_by("name_sort")
    )
    units = list(visible_units(user).filter(subtree_q(unit), effective_to__isnull=True).order_by("path"))
    awards = [award] if award else None
    # History ids: a person's primary key as text, a collective's "u" + its unit's primary key.
    by_id = {str(person.pk): person for person in people} | {f"u{u.pk}": u for u in units}
    histories = {history.id: history for history in person_histories([p.pk for p in people], year).values()}
    histories |= {history.id: history for history in collective_histories(units, year).values()}
    verdicts = screen(
        list(histories.values()), year, awards=[a for a in awards if a in catalog()] if awards else None
    )
    result = Radar(year=year, ruleset=verdicts[0].ruleset if verdicts else None)
    if verdicts and verdicts[0].outcome is Outcome.NO_RULESET:
        result.ruleset = None
        return result
    for verdict in verdicts:
        subject = by_id[verdict.subject]
        if verdict.outcome is Outcome.ELIGIBLE:
            result.eligible.append(RadarRow(subject, verdict))
        elif _worth_forecasting(verdict, histories[verdict.subject]):
            outlook = one_year_away(histories[verdict.subject], verdict.award, year)
            if outlook is not None:
                result.soon.append(RadarRow(subject, verdict, outlook))
    return result


def _worth_forecasting(verdict: Verdict, history) -> bool:
    return (
        verdict.outcome is Outcome.INELIGIBLE
        and verdict.award in FORECAST
        and history.kind is SubjectKind.INDIVIDUAL
    )


def person_verdicts(person: Person, year: int) -> list[Verdict]:
    history = person_histories([person.pk], year)[person.pk]
    return screen([history], year)
