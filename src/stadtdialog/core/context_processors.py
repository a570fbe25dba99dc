from django.conf import settings
from django.utils.functional import SimpleLazyObject


def site(request):
    from .services import footer_pages

    # The footer's page links: fetched only when a template shows them, then cached (core.services).
    return {
        "SITE_NAME": settings.SITE_NAME,
        "CITY_NAME": settings.CITY_NAME,
        "FOOTER_PAGES": SimpleLazyObject(footer_pages),
    }
