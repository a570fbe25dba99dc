from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "stadtdialog.moderation"
    verbose_name = _("Moderation")

    def ready(self):
        from django.urls import reverse

        from stadtdialog.core.extensions import register_link, register_section
        from stadtdialog.core.moderated import register_moderated
        from stadtdialog.dialog.models import Comment, Contribution

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            home_sections,
        )

        register_link("staff_home", _("Moderation"), "moderation:queue", "moderation.moderate", order=30)
        register_moderated(
            "contribution",
            Contribution,
            related=("author", "process"),
            process_of=lambda c: c.process,
            url_of=lambda c: c.get_absolute_url(),
        )
        register_moderated(
            "comment",
            Comment,
            related=("author", "contribution__process"),
            process_of=lambda c: c.contribution.process,
            url_of=lambda c: reverse("dialog:contribution", args=[c.contribution_id]) + f"#comment-{c.pk}",
        )
        register_section(
            "staff_home",
            "moderation_queue",
            "core/_todo.html",
            home_sections.staff_queue_section,
            order=25,
            exists=home_sections.staff_queue_probe,
        )
