"""Who may do what in reporting: the public report is public; the coordination office (and administrators)
make the annual report."""

import rules

from stadtdialog.accounts.rules import is_city_wide_staff

rules.add_perm("reporting.make_annual_report", is_city_wide_staff)
