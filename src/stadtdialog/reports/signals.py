"""Signals the reports services send after their transaction commits; notifications listen to them.

Each is sent with `transaction.on_commit(lambda: signal.send(sender=..., ...))`, so a listener
never sees a write that was rolled back. Keyword arguments are given per signal.
"""

from django.dispatch import Signal

report_published = Signal()  # report
concept_comment_handled = Signal()  # comment (a ConceptComment, adopted or declined)
