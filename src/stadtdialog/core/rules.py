"""The permission check that services and views share: `require(user, permission, obj)`.

Permissions are django-rules predicates registered in each app's rules.py; templates ask
`perms.<app>.<name>` or `has_perm`, services and views call `require`.
"""

import rules
from django.core.exceptions import PermissionDenied


def require(user, permission: str, obj=None) -> None:
    """Raise PermissionDenied unless the user has the permission (for the object)."""
    if not rules.has_perm(permission, user, obj):
        raise PermissionDenied(permission)
