from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "stadtdialog.search"
    verbose_name = _("Search")

    def ready(self):
        # The apps below do not know the search: it listens to their saves and deletions (search/index.py).
        from django.db.models.signals import post_migrate

        from . import index

        index.connect_receivers()
        post_migrate.connect(index.fill_if_empty, sender=self, dispatch_uid="search.fill_if_empty")
