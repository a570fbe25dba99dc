"""Public routes live in urls_public.py, staff routes in urls_staff.py."""

from .urls_public import urlpatterns as public_urls
from .urls_staff import urlpatterns as staff_urls

app_name = "plans"
urlpatterns = public_urls + staff_urls
