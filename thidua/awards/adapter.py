"""Records in the database -> the engine's plain histories, read in bulk.

A fixed handful of queries for any number of people or units: no query per person. The radar of a province and
``bench/screening.py`` (100,000 people) go through these functions, so they are written for speed:

- rows are read as tuples (``values_list``) with the subject filter as a subquery (no id lists, so no limit on
  the number of SQL parameters);
- identical values are shared: one ``Honour`` object per (code, type, revoked) and one ``YearRecord`` per
  (rating, honours) combination when ``details`` is off, since the engine never changes them and verdicts do not
  need decision numbers.

Ids in the histories: a person's primary key as text; a collective's ``"u"`` + its unit's primary key.
"""

from __future__ import annotations

import datetime
import gc
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Min, QuerySet

from thidua.awards.catalog import catalog
from thidua.awards.engine import CollectiveHistory, Discipline, Honour, Initiative, PersonHistory, YearRecord
from thidua.awards.engine import CollectiveYear as EngineCollectiveYear
from thidua.awards.terms import AwardKind, HonourType, Rating, Scope
from thidua.org.enums import LinkSide
from thidua.org.models import Employment, Person, Unit, UnitEventLink
from thidua.records.enums import SERIOUS_DISCIPLINE
from thidua.records.models import CollectiveYear, PersonYear, ReviewFlag
from thidua.records.models import Discipline as DisciplineRow
from thidua.records.models import Honour as HonourRow
from thidua.records.models import Initiative as InitiativeRow

RATINGS = {rating.value: rating for rating in Rating}
SCOPES = {scope.value: scope for scope in Scope}
TYPES = {kind.value: kind for kind in HonourType}


def person_key(person_id: int) -> str:
    return str(person_id)


def unit_key(unit_id: int) -> str:
    return f"u{unit_id}"


def _is_title(code: str) -> bool:
    return code in catalog() and catalog().get(code).kind is AwardKind.DANH_HIEU


def _people_filter(people) -> dict:
    """The filter on ``person_id`` for a queryset of people (a subquery) or an iterable of ids."""
    if isinstance(people, QuerySet):
        return {"person_id__in": people.order_by().values("pk")}
    return {"person_id__in": list(people)}


def _months_between(start: datetime.date, end: datetime.date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + (1 if end.day >= start.day else 0)


def person_histories(people, year: int, *, details: bool = False) -> dict[int, PersonHistory]:
    """See ``_person_histories``; the cyclic garbage collector is paused meanwhile (the rows and histories are
    millions of new objects without cycles: its passes over them would only cost time)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _person_histories(people, year, details=details)
    finally:
        if was_enabled:
            gc.enable()


def _person_histories(people, year: int, *, details: bool = False) -> dict[int, PersonHistory]:
    """{person id: PersonHistory} for review year ``year``, in six queries whatever the number of people.

    ``people``: a Person queryset (read as a subquery) or person ids. Service months run from the earlier of the
    first position's start and 1 January of the first rated year, to 31 December of ``year`` (None when that
    start is after the year: unknown). ``details`` keeps each honour's decision number, date and issuer.
    """
    where = _people_filter(people)
    ratings: dict[int, dict[int, Rating]] = defaultdict(dict)
    for person_id, record_year, rating in (
        PersonYear.objects.filter(**where).order_by().values_list("person_id", "year", "rating")
    ):
        ratings[person_id][record_year] = RATINGS[rating]

    honour_pool: dict[tuple, Honour] = {}
    held: dict[int, dict[int, list[Honour]]] = defaultdict(lambda: defaultdict(list))
    columns = ["person_id", "year", "code", "honour_type", "revoked"]
    if details:
        columns += ["decision_number", "decision_date", "issuer"]
    rows = HonourRow.objects.filter(**where).order_by(*(("year", "code", "pk") if details else ()))
    for row in rows.values_list(*columns):
        key = row[2:]
        honour = honour_pool.get(key)
        if honour is None:
            honour = honour_pool[key] = Honour(row[2], TYPES[row[3]], row[4], *row[5:])
        held[row[0]][row[1]].append(honour)

    initiatives: dict[int, list[Initiative]] = defaultdict(list)
    rows = InitiativeRow.objects.filter(**where).order_by("pk")
    for pk, person_id, scope, record_year, used_for, body in rows.values_list(
        "pk", "person_id", "scope", "year", "used_for_id", "recognised_by"
    ):
        initiatives[person_id].append(
            Initiative(f"SK-{pk}", SCOPES[scope], record_year, used_for is not None, body)
        )

    disciplines: dict[int, list[Discipline]] = defaultdict(list)
    for person_id, form, start, end in (
        DisciplineRow.objects.filter(**where).order_by().values_list("person_id", "form", "start", "end")
    ):
        disciplines[person_id].append(Discipline(form, start, end))

    under_review = set(
        ReviewFlag.objects.filter(closed__isnull=True, **where).order_by().values_list("person_id", flat=True)
    )
    started = dict(
        Employment.objects.filter(**where)
        .order_by()
        .values("person_id")
        .annotate(first=Min("start_date"))
        .values_list("person_id", "first")
    )
    ids = all_person_ids(people) if isinstance(people, QuerySet) else list(people)

    year_end = datetime.date(year, 12, 31)
    record_pool: dict[tuple, YearRecord] = {}
    titles_of = {code: _is_title(code) for code in catalog().codes()}
    histories: dict[int, PersonHistory] = {}
    empty: dict = {}
    for person_id in ids:
        person_ratings = ratings.get(person_id, empty)
        person_honours = held.get(person_id, empty)
        years = {}
        for record_year in person_ratings.keys() | person_honours.keys():
            rating = person_ratings.get(record_year)
            honours = person_honours.get(record_year, ())
            titles = tuple(h for h in honours if titles_of.get(h.code, False))
            awards = tuple(h for h in honours if not titles_of.get(h.code, False))
            if details:
                years[record_year] = YearRecord(rating, titles, awards)
                continue
            key = (rating, titles, awards)
            record = record_pool.get(key)
            if record is None:
                record = record_pool[key] = YearRecord(rating, titles, awards)
            years[record_year] = record
        start = started.get(person_id)
        if person_ratings:
            first_rated = datetime.date(min(person_ratings), 1, 1)
            start = first_rated if start is None or first_rated < start else start
        months = _months_between(start, year_end) if start is not None and start <= year_end else None
        histories[person_id] = PersonHistory(
            id=person_key(person_id),
            years=years,
            initiatives=tuple(initiatives.get(person_id, ())),
            discipline=tuple(disciplines.get(person_id, ())),
            under_review=person_id in under_review,
            service_months=months,
        )
    return histories


def all_person_ids(people: QuerySet[Person]) -> list[int]:
    return list(people.order_by().values_list("pk", flat=True))


# ------------------------------------------------------------------------------------------------ collectives


def predecessor_map(unit_ids: Iterable[int]) -> dict[int, list[int]]:
    """{unit id: the units whose history it carries on} (merged or split into it, transitively), with the same
    meaning as ``thidua.org.queries.lineage_predecessors`` but for many units in one query."""
    before_of: dict[int, set[int]] = defaultdict(set)  # event -> units before
    after_of: dict[int, set[int]] = defaultdict(set)  # unit -> events it came out of
    for event_id, unit_id, side in UnitEventLink.objects.values_list("event_id", "unit_id", "side"):
        if side == LinkSide.BEFORE:
            before_of[event_id].add(unit_id)
        else:
            after_of[unit_id].add(event_id)
    result = {}
    for unit_id in unit_ids:
        found: set[int] = set()
        frontier = {unit_id}
        while frontier:
            predecessors = {
                before for uid in frontier for event in after_of.get(uid, ()) for before in before_of[event]
            }
            frontier = predecessors - found - {unit_id}
            found |= frontier
        result[unit_id] = sorted(found)
    return result


@dataclass
class MemberFigures:
    members: int = 0
    ldtt: int = 0
    completed: int = 0
    cstdcs: int = 0
    disciplined: int = 0


def member_figures(unit_ids: Iterable[int], years: Iterable[int] | None = None) -> dict:
    """{(unit id, year): MemberFigures} counted from the people records: the people rated in the unit that year
    (``PersonYear.unit``), those rated at least HT, holding LĐTT / CSTĐCS (thường xuyên, not revoked), and those
    disciplined at cảnh cáo or above on some day of the year. Each counts people: a person with two serious
    disciplines in a year, or a duplicated honour row, counts once. Three queries."""
    unit_ids = list(unit_ids)
    ratings = PersonYear.objects.filter(unit_id__in=unit_ids).order_by()
    if years is not None:
        ratings = ratings.filter(year__in=list(years))
    member_of: dict[tuple[int, int], int] = {}
    years_of: dict[int, list[int]] = defaultdict(list)
    figures: dict[tuple[int, int], MemberFigures] = defaultdict(MemberFigures)
    for person_id, unit_id, year, rating in ratings.values_list("person_id", "unit_id", "year", "rating"):
        member_of[(person_id, year)] = unit_id
        years_of[person_id].append(year)
        row = figures[(unit_id, year)]
        row.members += 1
        row.completed += RATINGS[rating].rank >= Rating.HT.rank
    if not member_of:
        return {}
    people = ratings.values("person_id")
    # Sets of people, so that a duplicated honour row or a second serious discipline counts a person once.
    holders: dict[str, set[tuple[int, int]]] = {"LDTT": set(), "CSTDCS": set()}
    for person_id, year, code in HonourRow.objects.filter(
        person_id__in=people, revoked=False, code__in=["LDTT", "CSTDCS"], honour_type=HonourType.THUONG_XUYEN
    ).values_list("person_id", "year", "code"):
        if (person_id, year) in member_of:
            holders[code].add((person_id, year))
    disciplined: set[tuple[int, int]] = set()
    for person_id, start, end in DisciplineRow.objects.filter(
        person_id__in=people, form__in=SERIOUS_DISCIPLINE
    ).values_list("person_id", "start", "end"):
        last = (end or datetime.date.max).year
        disciplined.update(
            (person_id, year) for year in years_of.get(person_id, ()) if start.year <= year <= last
        )
    for person_id, year in holders["LDTT"]:
        figures[(member_of[(person_id, year)], year)].ldtt += 1
    for person_id, year in holders["CSTDCS"]:
        figures[(member_of[(person_id, year)], year)].cstdcs += 1
    for person_id, year in disciplined:
        figures[(member_of[(person_id, year)], year)].disciplined += 1
    return dict(figures)


def block_ranks_by_year(unit_ids: Iterable[int], years: Iterable[int]) -> dict[tuple[int, int], int]:
    """{(unit id, year): rank} from the blocks app's results, for many years in one query, with the rule of
    ``thidua.blocks.queries.block_ranks``: a rank computed in a block of the province wins over an outside
    cluster's recorded one, then the better rank."""
    from thidua.blocks.models import BlockResult, ResultSource

    best: dict[tuple[int, int], tuple[int, int]] = {}
    rows = BlockResult.objects.filter(unit_id__in=list(unit_ids), year__in=list(years), rank__isnull=False)
    for unit_id, year, rank, source in rows.order_by().values_list("unit_id", "year", "rank", "source"):
        key = (0 if source == ResultSource.ROUND else 1, rank)
        if (unit_id, year) not in best or key < best[(unit_id, year)]:
            best[(unit_id, year)] = key
    return {where: key[1] for where, key in best.items()}


@dataclass
class CollectiveYearView:
    """One year of a collective's history as the engine will read it, and where each figure came from."""

    year: int
    source: Unit  # the unit whose record this is: the collective itself, or a predecessor before a merger
    record: CollectiveYear | None
    computed: MemberFigures | None
    honours: list[HonourRow] = field(default_factory=list)
    block_rank_from_blocks: int | None = None

    def figure(self, name: str) -> int | None:
        """The figure used: as entered on the collective's record, else computed from the people records."""
        entered = getattr(self.record, name, None) if self.record is not None else None
        if entered is not None:
            return entered
        if self.computed is None:
            return None
        attribute = {"members": "members"}.get(name, name.removeprefix("members_"))
        return getattr(self.computed, attribute)

    def is_computed(self, name: str) -> bool:
        return (self.record is None or getattr(self.record, name) is None) and self.computed is not None

    @property
    def block_rank(self) -> int | None:
        if self.record is not None and self.record.block_rank:
            return self.record.block_rank
        return self.block_rank_from_blocks

    @property
    def rating(self) -> Rating | None:
        return RATINGS.get(self.record.rating) if self.record is not None and self.record.rating else None

    def engine_year(self) -> EngineCollectiveYear:
        honours = [
            Honour(h.code, TYPES[h.honour_type], h.revoked, h.decision_number, h.decision_date, h.issuer)
            for h in self.honours
        ]
        return EngineCollectiveYear(
            rating=self.rating,
            members=self.figure("members"),
            members_ldtt=self.figure("members_ldtt"),
            members_completed=self.figure("members_completed"),
            members_cstdcs=self.figure("members_cstdcs"),
            members_disciplined=self.figure("members_disciplined"),
            block_rank=self.block_rank,
            titles=tuple(h for h in honours if _is_title(h.code)),
            awards=tuple(h for h in honours if not _is_title(h.code)),
        )


def collective_years(
    units: list[Unit], years: Iterable[int] | None = None
) -> dict[int, dict[int, CollectiveYearView]]:
    """{unit id: {year: CollectiveYearView}} for these units, following each through mergers: a year the unit has
    no record of its own is taken from a predecessor's record (the one with the most members that year).

    A handful of queries for any number of units. ``years`` limits the years read (None: every year).
    """
    lineage = predecessor_map(unit.pk for unit in units)
    all_ids = sorted({unit.pk for unit in units} | {pk for ids in lineage.values() for pk in ids})
    wanted = None if years is None else sorted(set(years))
    records = CollectiveYear.objects.filter(unit_id__in=all_ids)
    honours = HonourRow.objects.filter(unit_id__in=all_ids).order_by("year", "code", "pk")
    if wanted is not None:
        records, honours = records.filter(year__in=wanted), honours.filter(year__in=wanted)
    by_key = {(record.unit_id, record.year): record for record in records}
    honours_by_key: dict[tuple[int, int], list[HonourRow]] = defaultdict(list)
    for honour in honours:
        honours_by_key[(honour.unit_id, honour.year)].append(honour)
    computed = member_figures(all_ids, wanted)
    present = {key for key in (*by_key, *honours_by_key, *computed)}
    unit_objects = {unit.pk: unit for unit in units}
    missing = set(all_ids) - set(unit_objects)
    unit_objects |= Unit.objects.in_bulk(missing) if missing else {}
    years_present = sorted({year for _unit, year in present})
    ranks = block_ranks_by_year(all_ids, years_present)
    result: dict[int, dict[int, CollectiveYearView]] = {}
    for unit in units:
        views = {}
        for year in years_present:
            source_id = None
            if (unit.pk, year) in present:
                source_id = unit.pk
            else:
                candidates = [pk for pk in lineage[unit.pk] if (pk, year) in present]
                if candidates:

                    def size(pk, year=year):
                        record = by_key.get((pk, year))
                        entered = (
                            record.members if record is not None and record.members is not None else None
                        )
                        figures = computed.get((pk, year))
                        return entered if entered is not None else (figures.members if figures else 0)

                    source_id = min(candidates, key=lambda pk: (-size(pk), pk))
            if source_id is None:
                continue
            views[year] = CollectiveYearView(
                year=year,
                source=unit_objects[source_id],
                record=by_key.get((source_id, year)),
                computed=computed.get((source_id, year)),
                honours=honours_by_key.get((source_id, year), []),
                block_rank_from_blocks=ranks.get((source_id, year)),
            )
        result[unit.pk] = views
    return result


def collective_histories(units: list[Unit], year: int | None = None) -> dict[int, CollectiveHistory]:
    """{unit id: CollectiveHistory}. With ``year``, only that year is read (the collective titles look at the
    review year alone); units with nothing for it get no history."""
    views = collective_years(units, None if year is None else [year])
    return {
        unit_id: CollectiveHistory(
            id=unit_key(unit_id), years={y: view.engine_year() for y, view in by_year.items()}
        )
        for unit_id, by_year in views.items()
        if by_year
    }
