from django.urls import path

from . import assisted_views, export_views, views

app_name = "surveys"
urlpatterns = [
    path("assist/", assisted_views.assist_index, name="assist"),
    path(
        "<uuid:round_id>/assist/",
        assisted_views.assist_start,
        name="assist_start",
    ),
    path("<uuid:round_id>/", views.start, name="start"),
    path("<uuid:round_id>/section/<int:number>/", views.section, name="section"),
    path("<uuid:round_id>/equalities/", views.equalities, name="equalities"),
    path("<uuid:round_id>/check/", views.check, name="check"),
    path("<uuid:round_id>/save/", views.save, name="save"),
    path("done/<str:reference>/", views.confirmation, name="confirmation"),
    path("resume/<str:token>/", views.resume, name="resume"),
    path("response/<str:token>/", views.manage, name="manage"),
    path(
        "export/<uuid:round_id>/responses.<str:fmt>",
        export_views.export_responses,
        name="export",
    ),
]
