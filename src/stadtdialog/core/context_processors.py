from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    from .services import footer_pages

    # The footer's page links: one query, only when a template shows them (core.services.footer_pages).
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CITY_NAME": settings.CITY_NAME,
        "FOOTER_PAGES": SimpleLazyObject(footer_pages),
    }
