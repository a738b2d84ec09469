"""Reads about units, people and access scope.

``Scope`` answers "which units may this user see, and in which roles": every list page filters through it.
It is computed once per request and cached on the user object.
"""

from __future__ import annotations

import datetime
from collections import deque
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.core.vietnamese import fold

from .enums import EDITOR_ROLES, ORGANISATION_ROLES, LinkSide, Role
from .models import Person, RoleGrant, Unit, UnitEvent, UnitEventLink


def subtree_q(unit: Unit, prefix: str = "") -> Q:
    """Q matching ``unit`` and every unit below it (on a model whose unit path is at ``prefix``path)."""
    return Q(**{f"{prefix}path__startswith": unit.path})


def subtree(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(subtree_q(unit))


def ancestors(unit: Unit) -> list[Unit]:
    """From the root down to the unit's parent."""
    ids = [int(part) for part in unit.path.strip("/").split("/")[:-1] if part]
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


@dataclass
class Scope:
    """What a user may see: unit ids per role, and whether the user is a system administrator."""

    is_admin: bool = False
    unit_ids_by_role: dict[str, set[int]] = field(default_factory=dict)

    def unit_ids(self, roles=None) -> set[int]:
        roles = [str(role) for role in roles] if roles is not None else list(self.unit_ids_by_role)
        found: set[int] = set()
        for role in roles:
            found |= self.unit_ids_by_role.get(role, set())
        return found

    def has_role(self, *roles) -> bool:
        return self.is_admin or any(self.unit_ids_by_role.get(str(role)) for role in roles)

    def can_see_unit(self, unit_id: int | None) -> bool:
        return self.is_admin or (unit_id is not None and unit_id in self.unit_ids())

    def can_edit_in_unit(self, unit_id: int | None) -> bool:
        return self.is_admin or (unit_id is not None and unit_id in self.unit_ids(EDITOR_ROLES))

    def can_manage_organisation(self, unit_id: int | None = None) -> bool:
        if self.is_admin:
            return True
        ids = self.unit_ids(ORGANISATION_ROLES)
        return bool(ids) if unit_id is None else unit_id in ids

    def filter_units(self, queryset: QuerySet, field_name: str = "pk", roles=None) -> QuerySet:
        """Restrict any queryset to rows whose ``field_name`` is a unit this user may see."""
        if self.is_admin:
            return queryset
        return queryset.filter(**{f"{field_name}__in": sorted(self.unit_ids(roles))})


def _lineage_predecessor_ids(unit_ids: set[int], *, closed_by: datetime.date | None = None) -> set[int]:
    """Units that were merged or split into these ones (transitively): their history belongs to the successor.

    With ``closed_by``, only units closed on or before that day are followed: a unit that lives on after a
    split keeps its own people and records, and the units split off it get no access to them."""
    found: set[int] = set()
    frontier = set(unit_ids)
    while frontier:
        event_ids = UnitEventLink.objects.filter(unit_id__in=frontier, side=LinkSide.AFTER).values("event_id")
        links = UnitEventLink.objects.filter(event_id__in=event_ids, side=LinkSide.BEFORE)
        if closed_by is not None:
            links = links.filter(unit__effective_to__isnull=False, unit__effective_to__lte=closed_by)
        predecessors = set(links.values_list("unit_id", flat=True))
        frontier = predecessors - found - unit_ids
        found |= frontier
    return found


def compute_scope(user, *, on: datetime.date | None = None) -> Scope:
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope()
    on = on or timezone.localdate()
    grants = [
        grant
        for grant in RoleGrant.objects.select_related("unit").filter(user=user)
        if grant.is_active_on(on)
    ]
    scope = Scope(is_admin=user.is_superuser or any(grant.role == Role.ADMIN for grant in grants))
    subtree_grants = [grant for grant in grants if grant.include_subtree]
    subtree_ids: dict[int, set[int]] = {}
    if subtree_grants:
        condition = Q()
        for grant in subtree_grants:
            condition |= Q(path__startswith=grant.unit.path)
        rows = list(Unit.objects.filter(condition).values_list("pk", "path"))
        for grant in subtree_grants:
            subtree_ids[grant.pk] = {pk for pk, path in rows if path.startswith(grant.unit.path)}
    for grant in grants:
        ids = subtree_ids.get(grant.pk, {grant.unit_id})
        scope.unit_ids_by_role.setdefault(grant.role, set()).update(ids)
    for role, ids in scope.unit_ids_by_role.items():
        ids |= _lineage_predecessor_ids(ids, closed_by=on)
        scope.unit_ids_by_role[role] = ids
    return scope


def scope_for(user) -> Scope:
    """The user's scope, computed once per request (cached on the user object)."""
    cached = getattr(user, "_thidua_scope", None)
    if cached is None:
        cached = compute_scope(user)
        if user is not None:
            user._thidua_scope = cached
    return cached


def forget_scope(user) -> None:
    if hasattr(user, "_thidua_scope"):
        del user._thidua_scope


def visible_units(user) -> QuerySet[Unit]:
    return scope_for(user).filter_units(Unit.objects.all())


def visible_people(user) -> QuerySet[Person]:
    return scope_for(user).filter_units(Person.objects.all(), "unit_id")


def search_people(queryset: QuerySet[Person], text: str) -> QuerySet[Person]:
    """Diacritic-insensitive search: every word typed must appear in the name (or the CCCD number).

    "nguyen van duc", "Nguyen Van Đuc" and "duc nguyen" all find Nguyễn Văn Đức.
    """
    words = fold(text).split()
    for word in words:
        if word.isdigit():
            queryset = queryset.filter(Q(cccd__contains=word) | Q(name_folded__contains=word))
        else:
            queryset = queryset.filter(name_folded__contains=word)
    return queryset


def search_units(queryset: QuerySet[Unit], text: str) -> QuerySet[Unit]:
    for word in fold(text).split():
        queryset = queryset.filter(name_folded__contains=word)
    return queryset


def people_list(user, *, text: str = "", unit: Unit | None = None, include_archived: bool = False):
    """People this user may see, optionally searched and limited to a unit's subtree, sorted by given name."""
    queryset = visible_people(user).select_related("unit", "ethnicity")
    if not include_archived:
        queryset = queryset.filter(archived=False)
    if unit is not None:
        queryset = queryset.filter(subtree_q(unit, "unit__"))
    if text:
        queryset = search_people(queryset, text)
    return queryset.order_by("name_sort", "id")


@dataclass(frozen=True)
class LineageStep:
    event: UnitEvent
    before: tuple[Unit, ...]
    after: tuple[Unit, ...]


def unit_lineage(unit: Unit) -> list[LineageStep]:
    """The unit's whole history, both ways: every event that led to it and every event that followed it,
    across renames, mergers and splits, in date order."""
    seen_units = {unit.pk}
    seen_events: set[int] = set()
    queue = deque([unit.pk])
    while queue:
        unit_id = queue.popleft()
        event_ids = (
            set(UnitEventLink.objects.filter(unit_id=unit_id).values_list("event_id", flat=True))
            - seen_events
        )
        seen_events |= event_ids
        for linked in UnitEventLink.objects.filter(event_id__in=event_ids).values_list("unit_id", flat=True):
            if linked not in seen_units:
                seen_units.add(linked)
                queue.append(linked)
    events = (
        UnitEvent.objects.filter(pk__in=seen_events).prefetch_related("links__unit").order_by("date", "id")
    )
    steps = []
    for event in events:
        links = list(event.links.all())
        before = tuple(link.unit for link in links if link.side == LinkSide.BEFORE)
        after = tuple(link.unit for link in links if link.side == LinkSide.AFTER)
        steps.append(LineageStep(event=event, before=before, after=after))
    return steps


def lineage_predecessors(unit: Unit) -> list[Unit]:
    """Every unit whose history this unit carries on (merged or split into it, transitively)."""
    ids = _lineage_predecessor_ids({unit.pk})
    return list(Unit.objects.filter(pk__in=ids).order_by("name_sort"))


def lineage_successors(unit: Unit) -> list[Unit]:
    """Every unit that carries on this unit's history (it was merged or split into them, transitively)."""
    found: set[int] = set()
    frontier = {unit.pk}
    while frontier:
        event_ids = UnitEventLink.objects.filter(unit_id__in=frontier, side=LinkSide.BEFORE).values(
            "event_id"
        )
        successors = set(
            UnitEventLink.objects.filter(event_id__in=event_ids, side=LinkSide.AFTER).values_list(
                "unit_id", flat=True
            )
        )
        frontier = successors - found - {unit.pk}
        found |= frontier
    return list(Unit.objects.filter(pk__in=found).order_by("name_sort"))


def unit_tree(units) -> list[tuple[Unit, int]]:
    """(unit, depth relative to the shallowest) in tree order, siblings by ``order`` then name."""
    units = list(units)
    by_parent: dict[int | None, list[Unit]] = {}
    ids = {unit.pk for unit in units}
    for unit in units:
        parent = unit.parent_id if unit.parent_id in ids else None
        by_parent.setdefault(parent, []).append(unit)
    for children in by_parent.values():
        children.sort(key=lambda item: (item.order, item.name_sort))
    ordered: list[tuple[Unit, int]] = []

    def walk(parent_id, depth):
        for child in by_parent.get(parent_id, []):
            ordered.append((child, depth))
            walk(child.pk, depth + 1)

    walk(None, 0)
    return ordered
