app_name = "outcomes"
urlpatterns = []
