"""Reads: a subtree's records, loaded in bulk and turned into the eligibility engine's plain histories.

A handful of queries for a whole subtree, whatever its size: no query per person (the radar of a province reads
tens of thousands of people).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Min

from thidua.awards.engine import (
    CollectiveHistory,
    PersonHistory,
    YearRecord,
)
from thidua.awards.engine import (
    CollectiveYear as EngineCollectiveYear,
)
from thidua.awards.engine import (
    Discipline as EngineDiscipline,
)
from thidua.awards.engine import (
    Honour as EngineHonour,
)
from thidua.awards.engine import (
    Initiative as EngineInitiative,
)
from thidua.awards.terms import HonourType, Rating, Scope
from thidua.org.models import Employment, Person, Unit
from thidua.org.queries import lineage_predecessors

from .enums import DisciplineForm
from .models import CollectiveYear, Discipline, Honour, Initiative, PersonYear, ReviewFlag

# Members disciplined at "cảnh cáo" or above keep a collective from TTLĐTT/TTLĐXS.
SERIOUS_DISCIPLINE = {form.value for form in DisciplineForm} - {DisciplineForm.REPRIMAND.value}


def _engine_honour(honour: Honour) -> EngineHonour:
    return EngineHonour(
        honour.code,
        HonourType(honour.honour_type),
        honour.revoked,
        honour.decision_number,
        honour.decision_date,
        honour.issuer,
    )


def _months_between(start: datetime.date, end: datetime.date) -> int:
    return max(0, (end.year - start.year) * 12 + end.month - start.month + (1 if end.day >= start.day else 0))


def person_histories(person_ids: list[int], year: int) -> dict[int, PersonHistory]:
    """{person id: PersonHistory} for review year ``year``, read in six queries."""
    ratings = defaultdict(dict)
    for person_id, record_year, rating in PersonYear.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "year", "rating"
    ):
        ratings[person_id][record_year] = Rating(rating)
    honours = defaultdict(lambda: defaultdict(list))
    for honour in Honour.objects.filter(person_id__in=person_ids):
        honours[honour.person_id][honour.year].append(_engine_honour(honour))
    initiatives = defaultdict(list)
    for initiative in Initiative.objects.filter(person_id__in=person_ids):
        initiatives[initiative.person_id].append(
            EngineInitiative(
                str(initiative.pk),
                Scope(initiative.scope),
                initiative.year,
                initiative.used_for_id is not None,
                initiative.recognised_by,
            )
        )
    disciplines = defaultdict(list)
    for discipline in Discipline.objects.filter(person_id__in=person_ids):
        disciplines[discipline.person_id].append(
            EngineDiscipline(discipline.form, discipline.start, discipline.end)
        )
    under_review = set(
        ReviewFlag.objects.filter(person_id__in=person_ids, closed__isnull=True).values_list(
            "person_id", flat=True
        )
    )
    started = dict(
        Employment.objects.filter(person_id__in=person_ids)
        .values("person_id")
        .annotate(first=Min("start_date"))
        .values_list("person_id", "first")
    )
    year_end = datetime.date(year, 12, 31)
    histories = {}
    for person_id in person_ids:
        years = {}
        for record_year in set(ratings[person_id]) | set(honours[person_id]):
            titles = tuple(h for h in honours[person_id][record_year] if _is_title(h.code))
            awards = tuple(h for h in honours[person_id][record_year] if not _is_title(h.code))
            years[record_year] = YearRecord(ratings[person_id].get(record_year), titles, awards)
        start = started.get(person_id)
        histories[person_id] = PersonHistory(
            id=str(person_id),
            years=years,
            initiatives=tuple(initiatives[person_id]),
            discipline=tuple(disciplines[person_id]),
            under_review=person_id in under_review,
            service_months=_months_between(start, year_end) if start else None,
        )
    return histories


def _is_title(code: str) -> bool:
    from thidua.awards.catalog import catalog
    from thidua.awards.terms import AwardKind

    return catalog().get(code).kind is AwardKind.DANH_HIEU if code in catalog() else False


def collective_histories(units: list[Unit], year: int) -> dict[int, CollectiveHistory]:
    """{unit id: CollectiveHistory}: the unit's own years and, before a merger, its predecessors' years.

    Member counts not recorded on the collective's year are computed from its current people's records.
    Block ranks not recorded come from the blocks app's results.
    """
    from thidua.blocks.queries import block_ranks

    lineage = {unit.pk: [unit.pk, *(p.pk for p in lineage_predecessors(unit))] for unit in units}
    all_ids = sorted({unit_id for ids in lineage.values() for unit_id in ids})
    records = {(r.unit_id, r.year): r for r in CollectiveYear.objects.filter(unit_id__in=all_ids)}
    honours = defaultdict(lambda: defaultdict(list))
    for honour in Honour.objects.filter(unit_id__in=all_ids):
        honours[honour.unit_id][honour.year].append(_engine_honour(honour))
    members = _member_figures([unit.pk for unit in units])
    ranks_by_year = {y: block_ranks(all_ids, y) for y in range(year - 5, year + 1)}
    histories = {}
    for unit in units:
        years = {}
        for record_year in range(year - 5, year + 1):
            own = [
                uid for uid in lineage[unit.pk] if (uid, record_year) in records or honours[uid][record_year]
            ]
            source = own[0] if own else unit.pk
            record = records.get((source, record_year))
            figures = members.get((unit.pk, record_year), {})
            held = honours[source][record_year]
            rating = Rating(record.rating) if record and record.rating else None
            if rating is None and not held and not figures:
                continue
            years[record_year] = EngineCollectiveYear(
                rating=rating,
                members=(record.members if record and record.members is not None else figures.get("members")),
                members_ldtt=figures.get("ldtt"),
                members_completed=figures.get("completed"),
                members_cstdcs=figures.get("cstdcs"),
                members_disciplined=figures.get("disciplined"),
                block_rank=(
                    record.block_rank
                    if record and record.block_rank
                    else ranks_by_year[record_year].get(source)
                ),
                titles=tuple(h for h in held if _is_title(h.code)),
                awards=tuple(h for h in held if not _is_title(h.code)),
            )
        histories[unit.pk] = CollectiveHistory(id=f"u{unit.pk}", years=years)
    return histories


def _member_figures(unit_ids: list[int]) -> dict[tuple[int, int], dict[str, int]]:
    """Per (unit, year): people rated, rated at least HT, holding LĐTT / CSTĐCS, disciplined at cảnh cáo or above."""
    figures: dict[tuple[int, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    people = dict(Person.objects.filter(unit_id__in=unit_ids, archived=False).values_list("pk", "unit_id"))
    for person_id, year, rating in PersonYear.objects.filter(person_id__in=people).values_list(
        "person_id", "year", "rating"
    ):
        row = figures[(people[person_id], year)]
        row["members"] += 1
        row["completed"] += Rating(rating).at_least(Rating.HT)
    for person_id, year, code in Honour.objects.filter(
        person_id__in=people, revoked=False, code__in=["LDTT", "CSTDCS"], honour_type="thuong_xuyen"
    ).values_list("person_id", "year", "code"):
        figures[(people[person_id], year)]["ldtt" if code == "LDTT" else "cstdcs"] += 1
    for person_id, start, end in Discipline.objects.filter(
        person_id__in=people, form__in=SERIOUS_DISCIPLINE
    ).values_list("person_id", "start", "end"):
        for year in range(start.year, (end or datetime.date.today()).year + 1):
            figures[(people[person_id], year)]["disciplined"] += 1
    for row in figures.values():
        for key in ("members", "completed", "ldtt", "cstdcs", "disciplined"):
            row.setdefault(key, 0)
    return figures


@dataclass(frozen=True)
class PersonRecords:
    ratings: list
    honours: list
    initiatives: list
    disciplines: list
    reviews: list


def person_records(person: Person) -> PersonRecords:
    return PersonRecords(
        ratings=list(person.yearly_ratings.order_by("-year")),
        honours=list(person.honours.order_by("-year", "code")),
        initiatives=list(person.initiatives.select_related("used_for").order_by("-year")),
        disciplines=list(person.disciplines.order_by("-start")),
        reviews=list(person.review_flags.order_by("-opened")),
    )
