"""Who may read and write the yearly records: the same people who may see and edit the person or the unit."""

import rules

from thidua.org.rules import can_edit_in_object_unit, can_see_object_unit, is_editor_somewhere

rules.add_perm("records.view_history", can_see_object_unit)
rules.add_perm("records.change_history", can_edit_in_object_unit)
rules.add_perm("records.import_history", is_editor_somewhere)
