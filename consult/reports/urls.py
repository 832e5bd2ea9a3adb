from django.urls import include, path

from . import compare_views, export_views, views

app_name = "reports"
c = "<uuid:consultation_id>/"
urlpatterns = [
    path("", views.index, name="index"),
    path(c, views.report, name="report"),
    path(f"{c}themes/<slug:theme_key>/", views.theme, name="theme"),
    path(f"{c}tags/<uuid:assignment_id>/decide/", views.decide, name="decide"),
    path(f"{c}report.pdf", export_views.report_pdf, name="pdf"),
    path(
        f"{c}exports/<uuid:export_id>/",
        export_views.pdf_status,
        name="pdf_status",
    ),
    path(
        f"{c}exports/<uuid:export_id>/report.pdf",
        export_views.pdf_download,
        name="pdf_download",
    ),
    path(f"{c}report.xlsx", export_views.report_xlsx, name="xlsx"),
    path(f"{c}compare/", compare_views.compare, name="compare"),
    path(f"{c}compare.csv", compare_views.compare_csv, name="compare_csv"),
    path(f"{c}equalities/", include("consult.reports.equalities.urls")),
]
