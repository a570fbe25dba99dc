from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "stadtdialog.core"
    verbose_name = _("Core")

    def ready(self):
        # core is the lowest app: it registers its own links and sections on the staff home here.
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_delete, post_save

        from stadtdialog.core import queries, sql, textsearch
        from stadtdialog.core.extensions import register_link, register_section

        from . import audit_actions  # noqa: F401  (labels of the audit actions, who sees the histories)
        from .models import Page

        # Every change of a page (its services, the admin, a migration) reaches the cached footer.
        post_save.connect(queries.forget_footer, sender=Page, dispatch_uid="core.page.saved")
        post_delete.connect(queries.forget_footer, sender=Page, dispatch_uid="core.page.deleted")

        # The forgiving search (core/textsearch.py): its functions on SQLite, its typo threshold on PostgreSQL.
        connection_created.connect(textsearch.prepare_connection, dispatch_uid="core.textsearch.connection")
        # PostgreSQL's timestamps read by psycopg's compiled loader, not Django's pure-Python one (core/sql.py).
        connection_created.connect(sql.use_compiled_timestamp_loader, dispatch_uid="core.sql.timestamps")

        register_link("staff_home", _("Site pages"), "core:pages", "core.edit_page", order=90)
        register_link("staff_home", _("Audit log"), "core:audit_log", "core.view_any_history", order=95)
        register_link(
            "staff_home", _("Barrier reports"), "core:barrier_reports", "core.answer_barrier_reports", order=91
        )
        register_section(
            "staff_home", "pages_to_write", "core/_staff_home_pages.html", queries.pages_to_write_section, order=10
        )
        register_section(
            "staff_home",
            "barrier_reports",
            "core/_staff_home_barrier_reports.html",
            queries.barrier_reports_section,
            order=20,
        )
