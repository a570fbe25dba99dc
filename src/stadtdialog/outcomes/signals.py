"""Signals of the outcomes services, sent after their transaction commits.

`results_published` (keyword argument `result`, a Result whose `.process` is the process) is sent
once when the results of a process are published; the notifications app tells the process's followers.
"""

from django.dispatch import Signal

results_published = Signal()  # result
