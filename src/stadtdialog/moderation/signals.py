"""Signals the moderation services send after their transaction commits; notifications listens to them (to tell the
author), as the dialog's signals."""

from django.dispatch import Signal

content_hidden = Signal()  # content (the hidden Hideable, with hidden_reason and author), kind (its registered kind)
