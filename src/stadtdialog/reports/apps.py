from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "stadtdialog.reports"
    verbose_name = _("Reports")

    def ready(self):
        from django.urls import reverse

        from stadtdialog.core.extensions import register_link, register_section
        from stadtdialog.core.moderated import register_moderated

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            home_sections,
        )
        from .models import ConceptComment, ReportComment
        from .queries import concept_comments_section, process_reports_probe, process_reports_section

        register_section(
            "process_public",
            "reports",
            "reports/_process_reports.html",
            process_reports_section,
            order=30,
            exists=process_reports_probe,
            when_empty={"reports": []},
        )
        register_section(
            "process_concept", "concept_comments", "reports/_concept_comments.html", concept_comments_section
        )

        register_link(
            "process_staff",
            _("Reports"),
            "reports:staff_reports",
            "processes.change_process",
            kwarg="process_pk",
            order=30,
        )
        register_link(
            "process_staff",
            _("Comments on the concept"),
            "reports:staff_concept_comments",
            "processes.change_process",
            kwarg="process_pk",
            order=40,
        )
        register_moderated(
            "report-comment",
            ReportComment,
            related=("author", "report__process"),
            process_of=lambda c: c.report.process,
            url_of=lambda c: reverse("reports:report", args=[c.report_id]) + f"#comment-{c.pk}",
        )
        register_moderated(
            "concept-comment",
            ConceptComment,
            related=("author", "concept__process"),
            process_of=lambda c: c.concept.process,
            url_of=lambda c: reverse("processes:concept", args=[c.concept.process_id]) + f"#concept-comment-{c.pk}",
        )
        register_section(
            "staff_home",
            "concept_comments",
            "core/_todo.html",
            home_sections.staff_comments_section,
            order=45,
            exists=home_sections.staff_comments_probe,
        )
