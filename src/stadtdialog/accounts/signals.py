"""Keep the audit log truthful when an account is deleted outside the services (e.g. in the admin)."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from stadtdialog.core.models import AuditEntry

from .models import User


@receiver(pre_delete, sender=User)
def mark_entries_of_a_deleted_account(sender, instance, **kwargs):
    """The entries stay; after the deletion they read "deleted account", not "system"."""
    AuditEntry.objects.filter(actor=instance).update(actor_deleted=True)
