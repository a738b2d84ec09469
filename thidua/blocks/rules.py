"""Permission predicates for blocks, scoring and votes (django-rules). Views and templates only name the
permission; services call the same helpers where a rule is also a business rule (who may adjust, who votes).

Who is who:

* the province officer (Ban TĐKT) and the administrator manage every block;
* the head (trưởng khối) is a user with the block-head role at the block's head or deputy unit;
* a member acts for its unit through a user with the clerk, leader or block-head role in that unit
  (``MEMBER_ROLES``); that is who self-scores, scores as an assessor and votes.
"""

from __future__ import annotations

import rules

from thidua.org.enums import Role
from thidua.org.queries import scope_for

MEMBER_ROLES = (Role.CLERK, Role.LEADER, Role.BLOCK_HEAD)


def is_officer_user(user) -> bool:
    scope = scope_for(user)
    return scope.is_admin or bool(scope.unit_ids([Role.OFFICER]))


def is_head_user(user, block) -> bool:
    if block is None:
        return False
    ids = scope_for(user).unit_ids([Role.BLOCK_HEAD])
    return (block.head_unit_id is not None and block.head_unit_id in ids) or (
        block.deputy_unit_id is not None and block.deputy_unit_id in ids
    )


def acting_unit_ids(user) -> set[int]:
    """Units the user acts for as a member (clerk, leader, block head of that unit)."""
    return scope_for(user).unit_ids(MEMBER_ROLES)


def member_unit_ids(block) -> set[int]:
    cached = getattr(block, "_member_unit_ids", None)
    if cached is None:
        cached = set(block.members.filter(unit__isnull=False).values_list("unit_id", flat=True))
        block._member_unit_ids = cached
    return cached


def _block_of(obj):
    """The block an object belongs to (a block, round, table, sheet, meeting or ballot)."""
    if obj is None:
        return None
    for path in ("block", "round.block", "table.block", "meeting.block"):
        current = obj
        for part in path.split("."):
            current = getattr(current, part, None)
            if current is None:
                break
        if current is not None:
            return current
    return obj


@rules.predicate
def is_officer(user):
    return is_officer_user(user)


@rules.predicate
def has_any_role(user):
    scope = scope_for(user)
    return scope.is_admin or bool(scope.unit_ids())


@rules.predicate
def can_manage(user, obj=None):
    if is_officer_user(user):
        return True
    return is_head_user(user, _block_of(obj))


@rules.predicate
def can_view(user, obj=None):
    if obj is None:
        return has_any_role(user)
    if is_officer_user(user):
        return True
    block = _block_of(obj)
    if is_head_user(user, block):
        return True
    ids = scope_for(user).unit_ids()
    return bool(ids & member_unit_ids(block)) or (block.head_unit_id in ids)


@rules.predicate
def acts_for_a_member(user, obj=None):
    """The user acts for at least one member unit of the block (sign the agreement, see its own sheets)."""
    if obj is None:
        return False
    if scope_for(user).is_admin:
        return True
    return bool(acting_unit_ids(user) & member_unit_ids(_block_of(obj)))


rules.add_perm("blocks.browse", has_any_role)
rules.add_perm("blocks.create", is_officer)
rules.add_perm("blocks.view", can_view)
rules.add_perm("blocks.manage", can_manage)
rules.add_perm("blocks.record_external", is_officer)
rules.add_perm("blocks.sign", can_manage | acts_for_a_member)


# --- sheets -------------------------------------------------------------------------------------------------


def assessor_units(round_) -> dict[int, set[int]]:
    """``{member id: units assessing it}`` for a round, computed once per round instance."""
    cached = getattr(round_, "_assessor_units", None)
    if cached is None:
        cached = {}
        for member_id, unit_id in round_.sheets.filter(kind="cross").values_list(
            "member_id", "assessor__unit_id"
        ):
            cached.setdefault(member_id, set()).add(unit_id)
        round_._assessor_units = cached
    return cached


def sees_individual_scores(user, round_) -> bool:
    """Whether the user may see each assessor's scores: always the officer; anyone else only once the round is
    locked, or when the block does not keep them blind."""
    return is_officer_user(user) or round_.status == "locked" or not round_.block.blind


@rules.predicate
def can_view_sheet(user, sheet):
    """Who sees a sheet. The officer: every sheet. A self-assessment: its member, the head, and the member's
    assessors. A cross sheet: its assessor; with the block's ``blind`` off, also the head, the member it scores
    and that member's other assessors. The agreed sheet: the head once aggregated. After the lock: anyone who
    sees the block."""
    round_ = sheet.round
    block = round_.block
    if is_officer_user(user):
        return True
    acting = acting_unit_ids(user)
    if sheet.kind == "self":
        if sheet.member.unit_id in acting or is_head_user(user, block):
            return True
        assessors = set(
            round_.sheets.filter(kind="cross", member=sheet.member).values_list(
                "assessor__unit_id", flat=True
            )
        )
        if assessors & acting:
            return True
    elif sheet.kind == "cross":
        if sheet.assessor.unit_id in acting:
            return True
        if not block.blind and (
            is_head_user(user, block)
            or sheet.member.unit_id in acting
            or bool(assessor_units(round_).get(sheet.member_id, set()) & acting)
        ):
            # Blind off: the head, the member scored and that member's other assessors see every score of it.
            return True
        if not sees_individual_scores(user, round_):
            return False
    elif sheet.kind == "final" and is_head_user(user, block) and round_.status in ("review", "locked"):
        return True
    return round_.status == "locked" and can_view(user, block)


@rules.predicate
def can_edit_sheet(user, sheet):
    round_ = sheet.round
    if sheet.is_submitted:
        return False
    if sheet.kind == "self":
        return round_.status == "self" and (
            is_officer_user(user) or sheet.member.unit_id in acting_unit_ids(user)
        )
    if sheet.kind == "cross":
        return round_.status == "cross" and (
            scope_for(user).is_admin or sheet.assessor.unit_id in acting_unit_ids(user)
        )
    return False


@rules.predicate
def can_adjust(user, sheet):
    return sheet.kind == "final" and sheet.round.status == "review" and can_manage(user, sheet.round.block)


rules.add_perm("blocks.view_sheet", can_view_sheet)
rules.add_perm("blocks.edit_sheet", can_edit_sheet)
rules.add_perm("blocks.adjust", can_adjust)
