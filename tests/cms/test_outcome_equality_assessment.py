"""The outcome page says when decision-makers saw the equality impact
assessment, and links the version they saw."""

import datetime

import pytest

from cms.models import OutcomePage
from consult.accounts.models import User
from consult.reports.equalities.assessment import (
    blank_content,
    record_submission,
    save_version,
)
from tests.cms.factories import add_consultation_page

pytestmark = pytest.mark.django_db


def _outcome(site_root):
    page = add_consultation_page(site_root)
    outcome = OutcomePage(
        title="What we did", we_asked="<p>a</p>", you_said="<p>b</p>", we_did="<p>c</p>"
    )
    page.add_child(instance=outcome)
    outcome.save_revision().publish()
    return page.consultation, outcome


def test_outcome_page_says_when_decision_makers_saw_the_assessment(client, site_root):
    consultation, outcome = _outcome(site_root)
    assert "equality impact assessment" not in client.get(outcome.url).content.decode()
    officer = User.objects.create_user("officer@example.org", "a-long-password-1")
    version = save_version(
        consultation=consultation, content=blank_content(), user=officer
    )
    record_submission(
        version=version,
        meeting="Cabinet",
        meeting_date=datetime.date(2027, 3, 12),
        user=officer,
    )
    html = client.get(outcome.url).content.decode()
    assert "given to decision-makers at Cabinet on 12 March 2027" in html
    assert f"/reports/{consultation.pk}/equalities/" in html
