"""When a process's online dialog is open: the phases with an online dialog and their dates (Europe/Berlin)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from stadtdialog.processes.models import Phase

ONLINE_CHANNELS = (Phase.Channel.ONLINE, Phase.Channel.BOTH)


def is_online_dialog(phase: Phase) -> bool:
    return (
        phase.kind == Phase.Kind.DIALOG or phase.format == Phase.Format.ONLINE_DIALOG
    ) and phase.channel in ONLINE_CHANNELS


@dataclass(frozen=True)
class DialogWindow:
    """The online-dialog phase open today, the next one to open, and the last one that has closed."""

    today: datetime.date
    open_phase: Phase | None = None
    next_phase: Phase | None = None
    last_phase: Phase | None = None

    @property
    def is_open(self) -> bool:
        return self.open_phase is not None

    @property
    def has_dialog(self) -> bool:
        return any((self.open_phase, self.next_phase, self.last_phase))


def dialog_window(phases, today: datetime.date | None = None) -> DialogWindow:
    """Works on already loaded phases (e.g. a prefetch), so it costs no query of its own."""
    today = today or timezone.localdate()
    dialog = sorted((p for p in phases if is_online_dialog(p)), key=lambda p: (p.start, p.id or 0))
    open_phase = next((p for p in dialog if p.start <= today <= p.end), None)
    next_phase = next((p for p in dialog if p.start > today), None)
    closed = [p for p in dialog if p.end < today]
    return DialogWindow(today, open_phase, next_phase, closed[-1] if closed else None)


def window_of(process, today=None) -> DialogWindow:
    return dialog_window(process.phases.all(), today)
