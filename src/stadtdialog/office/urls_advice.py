"""URLs of the office's advice services (included by office/urls.py)."""

urlpatterns: list = []
