from django.urls import path

from . import correction_views, views

app_name = "audiences"
urlpatterns = [
    path("", views.index, name="index"),
    path("nominees-template.csv", views.template_csv, name="template"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
    path("<uuid:consultation_id>/", views.nominations, name="nominations"),
    path("<uuid:consultation_id>/add/", views.add, name="add"),
    path("<uuid:consultation_id>/upload/", views.upload, name="upload"),
    path("<uuid:consultation_id>/send/", views.send_now, name="send"),
    path("nomination/<uuid:nomination_id>/assist/", views.assist, name="assist"),
    path(
        "nomination/<uuid:nomination_id>/correct-contact-details/",
        correction_views.correct,
        name="correct",
    ),
    path(
        "nomination/<uuid:nomination_id>/delete-contact-details/",
        views.erase,
        name="erase",
    ),
]
