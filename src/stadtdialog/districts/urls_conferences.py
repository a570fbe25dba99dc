"""URLs of the district conferences (included by districts/urls.py)."""

urlpatterns: list = []
