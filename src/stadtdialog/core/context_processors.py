from django.utils.functional import SimpleLazyObject


def pages(request):
    """The footer's page links, read only when a template shows them (core.queries.footer_pages, cached; read in
    the same cache query as the city when organisation.queries.city_for ran for this request)."""
    from .queries import footer_pages

    return {"FOOTER_PAGES": SimpleLazyObject(lambda: footer_pages(getattr(request, "_stadtdialog_footer", None)))}
