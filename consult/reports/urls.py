from django.urls import include, path

from . import views

app_name = "reports"
urlpatterns = [
    path("<uuid:consultation_id>/compare/", views.compare, name="compare"),
    path("<uuid:consultation_id>/compare.csv", views.compare_csv, name="compare_csv"),
    path(
        "<uuid:consultation_id>/equalities/", include("consult.reports.equalities.urls")
    ),
]
