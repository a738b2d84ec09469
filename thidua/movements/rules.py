"""Permissions on movements (django-rules). Views and templates only name the permission."""

import rules

from thidua.org.enums import Role
from thidua.org.queries import scope_for
from thidua.org.rules import has_any_role

from . import queries


def _movement(obj):
    """The main movement of a movement, thematic movement, target or task."""
    if obj is None:
        return None
    movement = getattr(obj, "movement", None) or obj
    return movement.root


@rules.predicate
def can_launch_movements(user):
    return scope_for(user).has_role(Role.ADMIN, Role.OFFICER)


@rules.predicate
def can_view_movement(user, obj):
    return obj is not None and queries.can_view(user, _movement(obj))


@rules.predicate
def can_manage_movement(user, obj):
    return obj is not None and queries.can_manage(user, _movement(obj))


@rules.predicate
def takes_part(user, obj):
    """The user may file plans, registrations and reports for at least one unit of the launched movement."""
    movement = _movement(obj)
    return movement is not None and bool(queries.actionable_units(user, movement))


@rules.predicate
def can_review_thematic(user, thematic):
    """The officer, or an editor of the thematic movement's lead unit (``services.can_review_thematic``)."""
    from .services import can_review_thematic as allowed

    return thematic is not None and bool(thematic.parent_id) and allowed(user, thematic)


@rules.predicate
def can_report_on_target(user, target):
    from .services import reporting_unit_ids

    if target is None or not target.movement.is_launched:
        return False
    allowed = reporting_unit_ids(user, target)
    return allowed is None or bool(allowed)


rules.add_perm("movements.browse", has_any_role)
rules.add_perm("movements.add_movement", can_launch_movements)
rules.add_perm("movements.view_movement", can_view_movement)
rules.add_perm("movements.manage_movement", can_manage_movement)
rules.add_perm("movements.take_part", can_view_movement & takes_part)
rules.add_perm("movements.review_thematic", can_view_movement & can_review_thematic)
rules.add_perm("movements.report_progress", can_view_movement & can_report_on_target)
