from django.urls import path

from .views import assisted, equalities, exports, managing, responding, returning

app_name = "surveys"
urlpatterns = [
    path("assist/", assisted.assist_index, name="assist"),
    path("<uuid:round_id>/assist/", assisted.assist_start, name="assist_start"),
    path("<uuid:round_id>/", responding.start, name="start"),
    path("<uuid:round_id>/section/<int:number>/", responding.section, name="section"),
    path("<uuid:round_id>/equalities/", equalities.equalities, name="equalities"),
    path("<uuid:round_id>/check/", responding.check, name="check"),
    path("<uuid:round_id>/save/", returning.save, name="save"),
    path("done/<str:reference>/", returning.confirmation, name="confirmation"),
    path("resume/<str:token>/", returning.resume, name="resume"),
    path("done/<str:reference>/manage/", managing.manage_here, name="manage_here"),
    path("response/find/", managing.find, name="find_response"),
    path("response/<str:token>/", managing.manage, name="manage"),
    path(
        "export/<uuid:round_id>/responses.<str:fmt>",
        exports.export_responses,
        name="export",
    ),
]
