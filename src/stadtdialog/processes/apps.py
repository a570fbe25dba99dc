from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProcessesConfig(AppConfig):
    name = "stadtdialog.processes"
    verbose_name = _("Participation processes")

    def ready(self):
        from django.contrib.auth import get_user_model

        from stadtdialog.core import start_page
        from stadtdialog.core.extensions import register_section
        from stadtdialog.plans import counts, page_cache, registry

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            home_sections,
            queries,
        )
        from .models import Concept, ConceptVersion, Phase, Process

        # the plan list filters on running phases: its cached counts follow these models. processes.services
        # replaces the phases of a process with bulk_create, which sends no post_save; on a published process
        # that change also records a new concept version.
        for model in (Process, Phase, ConceptVersion):
            counts.watch(model)
        # the plan page keeps its published processes with phases, concept subject and contacts (plans/page_cache.py)
        for model in (Process, Phase, Concept, ConceptVersion, get_user_model()):
            page_cache.watch(model)
        page_cache.attach(queries.published_processes_of)
        registry.provide("running_now", queries.running_now)
        registry.provide("running_plans_sql", queries.running_plans_sql)
        register_section(
            "plan_participation", "processes", "processes/_plan_processes.html", queries.plan_participation_section
        )
        register_section("plan_contacts", "processes", "processes/_plan_contacts.html", queries.plan_contacts_section)
        # the start page's participations running now and the staff home's drafts (core/start_page.py)
        for model in (Process, Phase, ConceptVersion):
            start_page.watch(model)
        register_section(
            "start_page",
            "running",
            "core/_start_section.html",
            home_sections.start_running_section,
            order=10,
            exists=home_sections.start_running_probe,
            when_empty=home_sections.START_RUNNING_WHEN_EMPTY,
        )
        register_section(
            "staff_home",
            "draft_processes",
            "core/_todo.html",
            home_sections.staff_drafts_section,
            order=40,
            exists=home_sections.staff_drafts_probe,
        )
