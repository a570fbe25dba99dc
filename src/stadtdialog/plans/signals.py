"""Signals the plans services send after their transaction commits; notifications listens to them.

Sent with `transaction.on_commit(lambda: signal.send(sender=..., ...))`, so a listener never sees a write that was
rolled back."""

from django.dispatch import Signal

plan_published = Signal()  # plan (a draft just made public)
