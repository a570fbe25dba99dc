"""Atom feed of the public plan list, for the same filters as the list (same query string)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from . import queries
from .filters import filter_form

FEED_SIZE = 50


class PlainTextAtomFeed(Atom1Feed):
    """Atom whose entry summaries are plain text (type="text"): Django's Atom1Feed marks every summary as HTML, so a
    reader would render "<b>" in a plan's plain-text summary as markup."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, {**item, "description": None})
        if item["description"] is not None:
            handler.addQuickElement("summary", item["description"], {"type": "text"})


class PlanFeed(Feed):
    feed_type = PlainTextAtomFeed

    def get_object(self, request, *args, **kwargs):
        form = filter_form(request.GET)
        self.query_string = request.GET.urlencode()
        return form

    def title(self, form):
        return _("Plans of the city") if not form.is_filtered else _("Plans of the city (filtered)")

    def subtitle(self, form):
        return _("The newest published plans of the administration and how residents take part.")

    def link(self, form):
        url = reverse("plans:list")
        return f"{url}?{self.query_string}" if self.query_string else url

    def feed_url(self, form):
        url = reverse("plans:feed")
        return f"{url}?{self.query_string}" if self.query_string else url

    def items(self, form):
        criteria = {**form.criteria(), "sort": "newest"}
        return list(queries.with_list_details(queries.filter_plans(criteria))[:FEED_SIZE])

    def item_title(self, plan):
        return plan.title

    def item_description(self, plan):
        return plan.summary

    def item_pubdate(self, plan):
        return plan.published_at

    def item_updateddate(self, plan):
        return plan.published_at

    def item_author_name(self, plan):
        return str(plan.lead_unit)

    def item_categories(self, plan):
        return [plan.get_status_display(), *(d.name for d in plan.districts.all())]
