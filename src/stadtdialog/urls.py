from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("stadtdialog.api.urls")),  # first: the busiest machine clients resolve at once (fixed prefixes)
    path("", include("stadtdialog.core.urls")),
    path("", include("stadtdialog.organisation.urls")),
    path("", include("stadtdialog.accounts.urls")),
    path("", include("stadtdialog.plans.urls")),
    path("", include("stadtdialog.processes.urls")),
    path("", include("stadtdialog.sortition.urls")),
    path("", include("stadtdialog.moderation.urls")),  # before dialog: see dialog/urls.py's "flag"
    path("", include("stadtdialog.dialog.urls")),
    path("", include("stadtdialog.reports.urls")),
    path("", include("stadtdialog.events.urls")),
    path("", include("stadtdialog.initiatives.urls")),
    path("", include("stadtdialog.notifications.urls")),
    path("", include("stadtdialog.outcomes.urls")),
    path("", include("stadtdialog.evaluation.urls")),
    path("", include("stadtdialog.districts.urls")),
    path("", include("stadtdialog.office.urls")),
    path("", include("stadtdialog.reporting.urls")),
    path("", include("stadtdialog.search.urls")),
    path("oidc/", include("mozilla_django_oidc.urls")),  # staff single sign-on (accounts/oidc.py)
    path("django-admin/", admin.site.urls),
]

# German error pages in the site's layout (core/errors.py); 405 comes from core.middleware
handler400 = "stadtdialog.core.errors.bad_request"
handler403 = "stadtdialog.core.errors.permission_denied"
handler404 = "stadtdialog.core.errors.page_not_found"
handler500 = "stadtdialog.core.errors.server_error"

if settings.DEBUG:  # uploads with their type, nosniff and PDFs as downloads (core.storage)
    from stadtdialog.core.views import serve_media

    urlpatterns += [path(settings.MEDIA_URL.lstrip("/") + "<path:path>", serve_media)]
