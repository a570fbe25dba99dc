"""Routes of residents' concerns and of Open311 (included by urls.py)."""

urlpatterns: list = []
