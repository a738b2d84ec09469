"""Reads of the yearly records for the pages of one person or one collective.

The bulk reads that feed the eligibility engine live in ``thidua.awards.adapter``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q

from thidua.org.models import Person, Unit
from thidua.org.queries import lineage_predecessors, scope_for

from .models import CollectiveYear, Honour, Initiative, PersonYear


@dataclass(frozen=True)
class PersonRecords:
    ratings: list
    honours: list
    initiatives: list
    disciplines: list
    reviews: list

    @property
    def open_reviews(self) -> list:
        return [review for review in self.reviews if review.closed is None]


def person_records(person: Person) -> PersonRecords:
    """Everything recorded about one person, newest first (five queries)."""
    return PersonRecords(
        ratings=list(person.yearly_ratings.select_related("unit").order_by("-year")),
        honours=list(
            person.honours.prefetch_related(
                Prefetch("initiatives_used", queryset=Initiative.objects.order_by("year", "pk"))
            ).order_by("-year", "code", "pk")
        ),
        initiatives=list(person.initiatives.select_related("used_for").order_by("-year", "pk")),
        disciplines=list(person.disciplines.order_by("-start")),
        reviews=list(person.review_flags.order_by("-opened")),
    )


@dataclass(frozen=True)
class CollectiveRecords:
    unit: Unit
    predecessors: list[Unit]
    records: list[CollectiveYear]  # the unit's own and its predecessors', newest first
    honours: list[Honour]


def collective_records(unit: Unit) -> CollectiveRecords:
    """The collective's own yearly records and honours, and those of the units it carries on after a merger."""
    predecessors = lineage_predecessors(unit)
    ids = [unit.pk, *(p.pk for p in predecessors)]
    return CollectiveRecords(
        unit=unit,
        predecessors=predecessors,
        records=list(
            CollectiveYear.objects.filter(unit_id__in=ids).select_related("unit").order_by("-year", "unit_id")
        ),
        honours=list(Honour.objects.filter(unit_id__in=ids).select_related("unit").order_by("-year", "code")),
    )


def visible_ratings(user):
    """Yearly ratings of people the user may see (for exports)."""
    return scope_for(user).filter_units(PersonYear.objects.all(), "person__unit_id")


def units_with_records(user, unit: Unit):
    """Units of ``unit``'s subtree that have a collective record or honour (the collectives list)."""
    from thidua.org.queries import subtree_q, visible_units

    units = visible_units(user).filter(subtree_q(unit))
    return units.filter(Q(yearly_records__isnull=False) | Q(honours__isnull=False)).distinct()
