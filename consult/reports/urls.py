from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("<uuid:consultation_id>/compare/", views.compare, name="compare"),
    path("<uuid:consultation_id>/compare.csv", views.compare_csv, name="compare_csv"),
]
