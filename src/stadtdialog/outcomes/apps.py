from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "stadtdialog.outcomes"
    verbose_name = _("Outcomes")

    def ready(self):
        from stadtdialog.core import start_page
        from stadtdialog.core.extensions import register_link, register_section
        from stadtdialog.plans import page_cache

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            home_sections,
            queries,
        )
        from .models import CouncilPaperConsultation, Milestone

        # the plan page keeps the overdue milestones and the papers' consultations (plans/page_cache.py)
        for model in (Milestone, CouncilPaperConsultation):
            page_cache.watch(model)
        page_cache.attach(queries.attach_overdue)

        from .models import Decision, Result

        register_section("plan_header", "overdue", "outcomes/_plan_overdue.html", queries.plan_page_section, order=20)
        register_section(
            "process_public",
            "outcomes",
            "outcomes/_process_outcomes.html",
            queries.process_page_section,
            order=40,
            exists=queries.process_page_probe,
        )
        register_link(
            "staff_home", _("Overdue milestones"), "outcomes:staff_overdue", "outcomes.view_overdue", order=50
        )
        register_link(
            "process_staff",
            _("Results, decision and implementation"),
            "outcomes:staff_results",
            "outcomes.change_outcomes",
            kwarg="process_pk",
            order=50,
        )
        for model in (Result, Decision):
            start_page.watch(model)
        register_section(
            "start_page",
            "outcomes",
            "core/_start_section.html",
            home_sections.start_outcomes_section,
            order=30,
            exists=home_sections.start_outcomes_probe,
        )
        register_section(
            "staff_home",
            "overdue_milestones",
            "core/_todo.html",
            home_sections.staff_overdue_section,
            order=50,
            exists=home_sections.staff_overdue_probe,
        )
