"""Wagtail's admin works under its own Content-Security-Policy: no violations
on the dashboard, the page explorer, a page editor and the snippet listing."""

import pytest

from cms.models import ConsultationPage
from tests.browser.test_assisted_response import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_admin_runs_without_csp_violations(demo_site, page, live_server):
    violations = []
    page.on(
        "console",
        lambda m: (
            violations.append(m.text) if "Content Security Policy" in m.text else None
        ),
    )
    sign_in(page, live_server, "officer@example.org")
    consultation = ConsultationPage.objects.first()
    for path in (
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{consultation.pk}/edit/",
        "/admin/snippets/surveys/consultation/",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "'unsafe-inline'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    assert violations == [], "\n".join(violations)
