from .urls_concerns import urlpatterns as concern_urlpatterns

app_name = "districts"
urlpatterns: list = [*concern_urlpatterns]
