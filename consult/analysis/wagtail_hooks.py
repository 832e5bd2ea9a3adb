"""The "Analysis" admin menu (``admin_viewsets.py``) and the URLs of its
hand-written dashboards, which keep their flat names."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import candidate_views, views
from .admin_viewsets import AnalysisGroup


@hooks.register("register_admin_urls")
def register_analysis_urls():
    c = "analysis/<uuid:consultation_id>/"
    return [
        path("analysis/", views.index, name="analysis_index"),
        path(c, views.consultation, name="analysis_consultation"),
        path(f"{c}run/", views.run_analysis, name="analysis_run"),
        path(f"{c}cancel/", views.cancel_analysis, name="analysis_cancel"),
        path(f"{c}resume/", views.resume_analysis, name="analysis_resume"),
        path(f"{c}learning/", views.measure_learning, name="analysis_measure"),
        path(f"{c}themes/<uuid:theme_id>/", views.theme, name="analysis_theme"),
        path(f"{c}codebook/import/", views.import_codebook, name="analysis_import"),
        path(
            f"{c}codebook/export.<str:fmt>",
            views.export_codebook,
            name="analysis_export",
        ),
        path(
            "analysis/tags/<uuid:assignment_id>/decide/",
            views.decide_tag,
            name="analysis_decide",
        ),
        *_candidate_urls(c),
    ]


def _candidate_urls(c):
    one = f"{c}candidates/<uuid:candidate_id>/"
    return [
        path(f"{c}candidates/", candidate_views.candidates, name="analysis_candidates"),
        path(
            f"{c}candidates/refresh/",
            candidate_views.refresh,
            name="analysis_candidates_refresh",
        ),
        path(f"{one}accept/", candidate_views.accept, name="analysis_candidate_accept"),
        path(
            f"{one}dismiss/", candidate_views.dismiss, name="analysis_candidate_dismiss"
        ),
        path(f"{one}rename/", candidate_views.rename, name="analysis_candidate_rename"),
        path(f"{one}merge/", candidate_views.merge, name="analysis_candidate_merge"),
    ]


register_snippet(AnalysisGroup)
