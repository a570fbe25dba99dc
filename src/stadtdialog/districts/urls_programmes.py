"""URLs of the district programmes (included by districts/urls.py)."""

urlpatterns: list = []
