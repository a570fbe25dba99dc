from django.utils.functional import SimpleLazyObject


def pages(request):
    """The footer's page links: one query, only when a template shows them (core.services.footer_pages)."""
    from .services import footer_pages

    return {"FOOTER_PAGES": SimpleLazyObject(footer_pages)}
