"""Signals the dialog services send after their transaction commits; notifications listen to them.

Each is sent with `transaction.on_commit(lambda: signal.send(sender=..., ...))`, so a listener
never sees a write that was rolled back. Keyword arguments are given per signal.
"""

from django.dispatch import Signal

contribution_created = Signal()  # contribution
response_published = Signal()  # response (a Response; response.contribution is the answered one)
