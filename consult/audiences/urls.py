app_name = "audiences"
urlpatterns: list = []
