"""Who moderates: moderators and administrators hide and keep reported content and block accounts."""

import rules

from stadtdialog.accounts.rules import is_admin, is_moderator

can_moderate = is_moderator | is_admin

rules.add_perm("moderation.moderate", can_moderate)
rules.add_perm("accounts.block_account", can_moderate)
