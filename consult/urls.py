from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms import views as cms_views
from consult import health
from consult.accounts import views as account_views

urlpatterns = [
    # Both admins sign in through allauth (two-factor, throttling): see
    # consult/accounts/views.py. These come before the admins' own routes.
    path("django-admin/login/", account_views.django_admin_login),
    path("admin/login/", account_views.wagtail_admin_login),
    path("_util/login/", account_views.frontend_login),  # Wagtail's private pages
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("allauth.urls")),
    path("health/", health.health, name="health"),
    path("health/worker/", health.worker_health, name="health-worker"),
    path("audiences/", include("consult.audiences.urls")),
    path("reports/", include("consult.reports.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Respondents' pages in other languages: /pl/respond/... and Wagtail's
# translated pages (/pl/consultations/...). English stays unprefixed, so every
# existing address keeps working and means English whatever the browser asks.
# Search, privacy and accessibility too (/pl/privacy/), so the footer's links
# keep the language.
urlpatterns += i18n_patterns(
    path("search/", cms_views.search, name="search"),
    path(
        "privacy/",
        TemplateView.as_view(template_name="pages/privacy.html"),
        name="privacy",
    ),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("respond/", include("surveys.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
