"""Who may use the eligibility radar and the rule sets: any role may read; only the system administrator changes
the values a province adjusts."""

import rules

from thidua.org.rules import has_any_role, is_province_officer, is_system_admin

rules.add_perm("awards.view_radar", has_any_role)
rules.add_perm("awards.view_rules", is_system_admin | is_province_officer)
rules.add_perm("awards.manage_rules", is_system_admin)
