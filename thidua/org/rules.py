"""Permission predicates (django-rules). Views and templates only name the permission."""

import rules

from .enums import EDITOR_ROLES, Role
from .queries import scope_for


@rules.predicate
def is_system_admin(user):
    return scope_for(user).is_admin


@rules.predicate
def is_province_officer(user):
    return scope_for(user).has_role(Role.OFFICER)


@rules.predicate
def has_any_role(user):
    scope = scope_for(user)
    return scope.is_admin or bool(scope.unit_ids())


@rules.predicate
def is_editor_somewhere(user):
    return scope_for(user).has_role(*EDITOR_ROLES)


def _unit_id_of(obj):
    if obj is None:
        return None
    return getattr(obj, "unit_id", None) if not hasattr(obj, "path") else obj.pk


@rules.predicate
def can_see_object_unit(user, obj):
    """The object (a unit, or anything with a unit_id) lies in the user's scope."""
    return obj is not None and scope_for(user).can_see_unit(_unit_id_of(obj))


@rules.predicate
def can_edit_in_object_unit(user, obj):
    """The user is a clerk, officer or administrator for the object's unit."""
    if obj is None:
        return is_editor_somewhere(user)
    return scope_for(user).can_edit_in_unit(_unit_id_of(obj))


@rules.predicate
def can_manage_organisation(user, obj=None):
    return scope_for(user).can_manage_organisation(_unit_id_of(obj))


rules.add_perm("org.view_unit", can_see_object_unit)
rules.add_perm("org.browse_units", has_any_role)
rules.add_perm("org.manage_units", can_manage_organisation)
rules.add_perm("org.view_person", can_see_object_unit)
rules.add_perm("org.browse_people", has_any_role)
rules.add_perm("org.change_person", can_edit_in_object_unit)
rules.add_perm("org.add_person", can_edit_in_object_unit)
rules.add_perm("org.import_people", is_editor_somewhere)
rules.add_perm("org.manage_accounts", is_system_admin | is_province_officer)
rules.add_perm("core.view_audit_log", is_system_admin | is_province_officer)
rules.add_perm("core.use_app", has_any_role)
