"""Staff strings built in Python go through Django's translations.

Only the respondent's pages have a Polish demo translation, so these tests
make their own catalogue: a few representative staff strings, each given a
marked "translation", compiled into a temporary locale folder ahead of
locale/. A string that is not looked up through gettext keeps its English and
fails the test: a form label, a form's choice, a "fewer than 10", a filter's
refusal, a message after a staff action, a menu item, a workbook heading.
"""

import io
import json

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from cms.publishing_forms import NewConsultationForm
from consult.accounts.models import User
from consult.accounts.roles import Role
from consult.audiences.forms import NomineeForm
from consult.reports.equalities.disclosure import SMALL, Figure
from consult.reports.filters import read_filters
from consult.reports.suppression import disclose
from tests.conftest import with_totp

pytestmark = pytest.mark.django_db

STRINGS = [
    "Full name",  # consult/audiences/forms.py, a label made at import
    "Not known (invitations in English)",
    "Who can respond",  # cms/publishing_forms.py
    "Start from a template",
    "Proposal feedback",  # cms/survey_templates.py, offered by the form
    "fewer than %(threshold)s",  # consult/reports/suppression.py, disclosure.py
    "round",
    "There is no %(filter)s “%(value)s” in this report: "
    "showing every %(filter)s instead.",
    "Copied “%(title)s” with its questions.",  # surveys/views/admin_surveys.py
    "Reports",  # consult/reports/wagtail_hooks.py, a menu item
    "Responses raising it",  # consult/reports/exports.py, a workbook heading
]


def marked(msgid: str) -> str:
    return f"«PL» {msgid}"


@pytest.fixture
def polish_staff_strings(tmp_path):
    """The catalogue above as Polish, ahead of the project's own."""
    folder = tmp_path / "pl" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    for msgid in STRINGS:
        catalogue.append(polib.POEntry(msgid=msgid, msgstr=marked(msgid)))
    catalogue.save_as_mofile(str(folder / "django.mo"))
    with override_settings(LOCALE_PATHS=[tmp_path, *settings.LOCALE_PATHS]):
        yield


@pytest.fixture
def polish_officer(client, site_root):
    user = with_totp(User.objects.create_user("officer@example.org", "x" * 16))
    user.groups.add(Group.objects.get(name=Role.OFFICER))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "pl"
    profile.save()
    client.force_login(user)
    return user


def test_form_labels_and_choices_made_at_import_are_translated(
    polish_staff_strings,
):
    with translation.override("pl"):
        nominee = NomineeForm(consultation=None)
        assert str(nominee.fields["name"].label) == marked("Full name")
        choices = dict(nominee.fields["preferred_language"].choices)
        assert str(choices[""]) == marked("Not known (invitations in English)")
        publishing = NewConsultationForm()
        assert str(publishing.fields["audience"].label) == marked("Who can respond")
        sources = dict(publishing.fields["survey_source"].choices)
        assert str(sources["template"]) == marked("Start from a template")
        templates = dict(publishing.fields["template"].choices)
        assert str(templates["proposal_feedback"]) == marked("Proposal feedback")
    # The same objects, outside the override: English again.
    assert str(NomineeForm(consultation=None).fields["name"].label) == "Full name"


def test_disclosure_control_and_filter_refusals_are_translated(polish_staff_strings):
    with translation.override("pl"):
        assert disclose(3) == "«PL» fewer than 10"
        assert str(Figure(3, SMALL, 10)) == "«PL» fewer than 10"
        filters = read_filters(
            {"round": "third"}, rounds={"main": None}, types=set(), services=set()
        )
        assert filters.errors == [
            "«PL» There is no «PL» round “third” in this report: "
            "showing every «PL» round instead."
        ]
    assert disclose(3) == "fewer than 10"


def test_an_admin_page_in_the_officers_language(
    client, polish_officer, polish_staff_strings
):
    """Wagtail's admin speaks each user's chosen language: the form, the menu
    and the message after an action are in it."""
    page = client.get(reverse("cms_new_consultation")).content.decode()
    assert marked("Who can respond") in page
    assert marked("Start from a template") in page
    # The admin menu, built from the hooks, as the sidebar's JSON.
    assert json.dumps(marked("Reports"))[1:-1] in page


def test_a_message_after_a_staff_action(client, polish_officer, polish_staff_strings):
    from tests.surveys.factories import SurveyFactory

    survey = SurveyFactory(title="Youth clubs")
    url = reverse(
        "wagtailsnippets_surveys_survey:copy_with_questions", args=[survey.pk]
    )
    response = client.post(url, {"title": "Youth clubs 2"}, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert "«PL» Copied “Youth clubs” with its questions." in shown


def test_workbook_headings_are_translated(client, polish_officer, polish_staff_strings):
    from openpyxl import load_workbook

    from consult.reports.exports import workbook_bytes
    from tests.consult.reports.factories import report_world

    world = report_world()
    url = reverse("reports:report", args=[world.consultation.pk])
    report = client.get(url).context["report"]
    with translation.override("pl"):
        book = load_workbook(io.BytesIO(workbook_bytes(report)))
    headings = [cell.value for cell in next(book["Themes"].iter_rows())]
    assert marked("Responses raising it") in headings


def test_staff_pages_outside_the_admin_follow_the_admin_language(
    client, polish_officer, polish_staff_strings
):
    """/reports/ has no language prefix: without the officer's admin language
    it would always be English (consult.accounts.middleware)."""
    page = client.get(reverse("reports:index")).content.decode()
    assert f'<h1 class="govuk-heading-xl">{marked("Reports")}</h1>' in page
    profile = UserProfile.get_for_user(polish_officer)
    profile.preferred_language = "en-gb"
    profile.save()
    page = client.get(reverse("reports:index")).content.decode()
    assert '<h1 class="govuk-heading-xl">Reports</h1>' in page
