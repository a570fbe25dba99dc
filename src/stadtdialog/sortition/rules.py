"""Who may run a sortition: the coordination office and administrators (city-wide staff).

Names, addresses and contact data of the register extract and of respondents are visible to
them only; the public sees the panel pseudonymised.
"""

import rules

from stadtdialog.accounts.rules import is_city_wide_staff

rules.add_perm("sortition.run_sortition", is_city_wide_staff)
rules.add_perm("sortition.view_personal_data", is_city_wide_staff)
