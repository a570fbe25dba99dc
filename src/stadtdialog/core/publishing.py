"""Taking a published object (a plan, a process, a report) back from the public: the same steps for each."""

from django.db import transaction

from . import audit


def unpublish(user, obj, action: str):
    """Set `obj.published_at` back to None and record `action` in the audit log; a draft stays as it is.

    The caller has checked the permission. Returns the object.
    """
    if obj.published_at is None:
        return obj
    with transaction.atomic():
        before = str(obj.published_at)
        obj.published_at = None
        obj.save(update_fields=["published_at", "updated_at"])
        audit.record(user, action, obj, {"published_at": [before, None]})
    return obj
