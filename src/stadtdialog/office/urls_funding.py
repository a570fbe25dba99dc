"""URLs of the office's funding services (included by office/urls.py)."""

urlpatterns: list = []
