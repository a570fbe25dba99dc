app_name = "dialog"
urlpatterns = []
