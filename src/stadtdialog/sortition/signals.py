"""The letters file goes with its record: deleting the record (the sortition's deletion cascades to it,
the purge of personal data deletes it) deletes the file from the private storage at once."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import InvitationLetters
from .storage import private_storage


@receiver(post_delete, sender=InvitationLetters, dispatch_uid="sortition_delete_letters_file")
def delete_letters_file(sender, instance: InvitationLetters, **kwargs):
    if instance.file_name:
        private_storage().delete(instance.file_name)
