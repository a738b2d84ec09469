"""Who may read and write a person's yearly records: the same people who may see and edit the person."""

import rules

from thidua.org.rules import can_edit_in_object_unit, can_see_object_unit, has_any_role

rules.add_perm("records.view_history", can_see_object_unit)
rules.add_perm("records.change_history", can_edit_in_object_unit)
rules.add_perm("awards.view_radar", has_any_role)
