app_name = "blocks"

urlpatterns: list = []
