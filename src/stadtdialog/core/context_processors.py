from django.utils.functional import SimpleLazyObject


def pages(request):
    """The footer's page links, read only when a template shows them (core.queries.footer_pages, cached)."""
    from .queries import footer_pages

    return {"FOOTER_PAGES": SimpleLazyObject(footer_pages)}
