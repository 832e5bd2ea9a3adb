from django.urls import path

from . import views

app_name = "equalities"
urlpatterns = [
    path("", views.evidence, name="evidence"),
]
