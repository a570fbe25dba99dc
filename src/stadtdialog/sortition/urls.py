app_name = "sortition"
urlpatterns = []
