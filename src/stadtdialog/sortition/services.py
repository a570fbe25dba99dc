"""Every write of the sortition app: permission, validation, transaction, audit entry.

The public entry for views, commands and tests. The code lives in two focused modules:

- `services_register`: the sortition itself, stage one (register extract, invitation sample),
  stage two (features, sign-up) and the deletion of personal data;
- `services_selection`: quotas, the published lottery, the draw and its verification,
  replacements and the end;
- `services_runs`: selection runs (LEXIMIN, LEGACY), requested here and computed by the task worker;
- `services_letters`: the invitation letters PDF, made by the task worker into the private storage.

All computations come from the pure algorithm package `stadtdialog.sortition.algorithm`.
"""

from .models import LEGACY_DRAWS, MAX_LEGACY_DRAWS
from .services_letters import letters_of, make_letters, open_letters, request_letters
from .services_register import (
    RUN,
    State,
    add_feature,
    create_sortition,
    delete_feature,
    draw_invitations,
    household_key,
    import_register,
    open_signup,
    parse_seed,
    purge_due,
    purge_personal_data,
    sign_up,
    update_sortition,
)
from .services_runs import compute_run, request_run
from .services_selection import (
    build_instance,
    check_draw,
    check_public_number,
    draw_panel,
    end_sortition,
    feasibility,
    pool,
    proposed_quotas,
    publish_lottery,
    recompute_draw,
    replace_member,
    set_quotas,
)

__all__ = [
    "LEGACY_DRAWS",
    "MAX_LEGACY_DRAWS",
    "RUN",
    "State",
    "add_feature",
    "build_instance",
    "check_draw",
    "check_public_number",
    "compute_run",
    "create_sortition",
    "delete_feature",
    "draw_invitations",
    "draw_panel",
    "end_sortition",
    "feasibility",
    "household_key",
    "import_register",
    "letters_of",
    "make_letters",
    "open_letters",
    "open_signup",
    "parse_seed",
    "pool",
    "proposed_quotas",
    "publish_lottery",
    "purge_due",
    "purge_personal_data",
    "recompute_draw",
    "replace_member",
    "request_letters",
    "request_run",
    "set_quotas",
    "sign_up",
    "update_sortition",
]
