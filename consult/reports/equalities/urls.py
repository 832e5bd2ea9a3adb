from django.urls import path

from . import assessment_views as a
from . import views

app_name = "equalities"
urlpatterns = [
    path("", views.evidence, name="evidence"),
    path("assessment/", a.assessment, name="assessment"),
    path("assessment/edit/", a.assessment_edit, name="assessment_edit"),
    path("assessment/submit/", a.assessment_submit, name="assessment_submit"),
    path("assessment/versions/", a.assessment_versions, name="assessment_versions"),
    path(
        "assessment/versions/<int:number>/",
        a.assessment_version,
        name="assessment_version",
    ),
    path(
        "assessment/versions/<int:number>.<str:fmt>",
        a.assessment_export,
        name="assessment_export",
    ),
    path(
        "assessment/published/<int:number>.pdf",
        a.assessment_published,
        name="assessment_published",
    ),
]
