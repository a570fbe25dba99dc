from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "stadtdialog.districts"
    verbose_name = _("District management")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from stadtdialog.accounts.models import Role
        from stadtdialog.core import start_page
        from stadtdialog.core.extensions import register_link, register_section
        from stadtdialog.events.models import Event
        from stadtdialog.organisation.models import District, DistrictCouncil, Quarter
        from stadtdialog.outcomes.models import Decision, Result
        from stadtdialog.plans.models import Plan
        from stadtdialog.processes.models import Phase, Process

        from . import (
            audit_actions,  # noqa: F401  (labels of the audit actions, who sees the histories)
            home_sections,
            queries,
            rules,  # noqa: F401  (the permissions)
        )
        from .models import ContactPoint, DistrictProfile, IndicatorValue, MonitoringNote, Network

        # The cached district list and pages follow every change of what they show.
        watched = [
            Plan,
            Process,
            Phase,
            Event,
            Result,
            Decision,
            Role,
            District,
            DistrictCouncil,
            Quarter,
            DistrictProfile,
            Network,
            MonitoringNote,
            ContactPoint,
            IndicatorValue,
        ]
        for model in watched:
            post_save.connect(queries.invalidate, sender=model, dispatch_uid=f"districts-{model._meta.label}-save")
            post_delete.connect(queries.invalidate, sender=model, dispatch_uid=f"districts-{model._meta.label}-del")
        m2m_changed.connect(queries.invalidate, sender=Plan.districts.through, dispatch_uid="districts-plan-districts")

        register_section("district_staff", "districts", "districts/_district_staff_link.html", queries.staff_section)
        register_link(
            "staff_home", _("District work areas"), "districts:staff_districts", "districts.access_district_area", 50
        )
        register_link(
            "staff_home",
            _("Directory of contact points"),
            "districts:staff_directory",
            "districts.access_directory",
            51,
        )
        # concerns: audit labels, permissions, the sections on the district page and the work area, staff links
        from stadtdialog.core.extensions import register_link, register_section

        from . import audit_actions_concerns, queries_concerns, rules_concerns  # noqa: F401

        register_section(
            "district_public",
            "concerns",
            "districts/concerns/_district_public.html",
            queries_concerns.district_public_section,
            order=60,
        )
        register_section(
            "district_work",
            "concerns",
            "districts/concerns/_district_work.html",
            queries_concerns.district_work_section,
            order=10,
        )
        register_link("staff_home", _("Concerns"), "districts:staff_concerns", "districts.access_concerns", order=45)
        register_link(
            "staff_home",
            _("Concern categories"),
            "districts:staff_concern_categories",
            "districts.manage_concern_categories",
            order=46,
        )
        # end concerns
        # conferences, agreements, action items, escalations, district projects (issue 13)
        from . import audit_actions_conferences, queries_conferences, rules_conferences  # noqa: F401
        from .models import ActionItem, Agreement, DistrictConference, DistrictProject

        # the public summary is cached with the district page: it follows every change of what it shows
        for model in (DistrictConference, Agreement, ActionItem, DistrictProject):
            post_save.connect(queries.invalidate, sender=model, dispatch_uid=f"districts-{model._meta.label}-save")
            post_delete.connect(queries.invalidate, sender=model, dispatch_uid=f"districts-{model._meta.label}-del")
        for through in (
            Agreement.units.through,
            DistrictProject.agreements.through,
            DistrictProject.plans.through,
            DistrictProject.processes.through,
        ):
            m2m_changed.connect(queries.invalidate, sender=through, dispatch_uid=f"districts-{through._meta.label}")
        register_section(
            "district_public",
            "conferences",
            "districts/conferences/_district_public.html",
            queries_conferences.district_public_section,
            order=70,
        )
        register_section(
            "district_work",
            "conferences",
            "districts/conferences/_district_work.html",
            queries_conferences.district_work_section,
            order=20,
        )
        register_link(
            "staff_home", _("Action items"), "districts:staff_action_items", "districts.access_action_items", order=47
        )
        register_link(
            "staff_home", _("Escalations"), "districts:staff_escalations", "districts.view_escalations", order=48
        )
        # end conferences

        # action programmes (issue 13 item 5): audit labels, permissions, moderation of needs, the district page
        from stadtdialog.core.moderated import register_moderated

        from . import audit_actions_programmes, queries_programmes, rules_programmes  # noqa: F401
        from .models.programmes import ActionProgramme, Need, PrioritisationRound, Priority

        for model in (ActionProgramme, PrioritisationRound, Priority):  # what the district page's section shows
            label = model._meta.label
            post_save.connect(queries.invalidate, sender=model, dispatch_uid=f"districts-{label}-save")
            post_delete.connect(queries.invalidate, sender=model, dispatch_uid=f"districts-{label}-del")
        register_moderated(
            "need",
            Need,
            related=("author", "programme__district"),
            process_of=lambda need: None,
            url_of=lambda need: need.get_absolute_url(),
        )
        register_section(
            "district_public",
            "programmes",
            "districts/programmes/_district_public.html",
            queries_programmes.district_section,
            order=55,
        )
        register_section(
            "district_work",
            "programmes",
            "districts/programmes/_district_work.html",
            queries_programmes.district_work_section,
            order=20,
        )
        # end action programmes

        # the start page's list of districts and the staff home's open concerns (core/start_page.py)
        start_page.watch(District)
        register_section(
            "start_page",
            "districts",
            "districts/_start_districts.html",
            home_sections.start_districts_section,
            order=40,
            exists=home_sections.start_districts_probe,
        )
        register_section(
            "staff_home",
            "open_concerns",
            "core/_todo.html",
            home_sections.staff_concerns_section,
            order=60,
            exists=home_sections.staff_concerns_probe,
        )
