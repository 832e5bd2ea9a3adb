"""Officers' exports: streamed, one row per current response, safe in spreadsheets."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from openpyxl import load_workbook

from consult.accounts.models import User
from surveys.exports import neutralise
from surveys.models import Draft
from surveys.services import submit_draft, withdraw_response
from tests.conftest import with_totp
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client):
    user = User.objects.create_user("officer@example.org", "x" * 16)
    user.groups.add(Group.objects.get(name="Officer"))
    with_totp(user)
    client.force_login(user)
    return user


@pytest.fixture
def responses():
    round_, q = survey_round()
    made = []
    for view in ('=HYPERLINK("http://evil")', "Plain view", "@SUM(A1)"):
        draft = Draft.objects.create(
            round=round_,
            answers={
                str(q["who"].pk): "Young person",
                str(q["views"].pk): view,
                str(q["services"].pk): ["Centres", "Schools"],
            },
        )
        made.append(submit_draft(draft_id=draft.pk))
    withdraw_response(response=made[1])
    return round_, made


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+44 7700", "'+44 7700"),
        ("-5", "'-5"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("fine", "fine"),
        ("a=b", "a=b"),
    ],
)
def test_formula_starts_are_neutralised(value, safe):
    assert neutralise(value) == safe


def test_csv_has_one_row_per_current_response_and_no_formulas(
    client, officer, responses
):
    round_, made = responses
    response = client.get(
        reverse("surveys:export", kwargs={"round_id": round_.pk, "fmt": "csv"})
    )
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][:6] == [
        "reference",
        "submitted at",
        "version",
        "How the response was made",
        "May we contact you again",
        "Version",
    ]
    assert table[0][6:] == [
        "Which best describes you?",
        "What do you think?",
        "Which do you use?",
    ]
    assert {row[0] for row in table[1:]} == {made[0].reference, made[2].reference}
    assert {row[3] for row in table[1:]} == {"Online, by the respondent"}
    assert {row[4] for row in table[1:]} == {"No"}  # nobody consented here
    assert {row[5] for row in table[1:]} == {"Full"}
    views = {row[7] for row in table[1:]}
    assert views == {'\'=HYPERLINK("http://evil")', "'@SUM(A1)"}
    assert all(row[8] == "Centres; Schools" for row in table[1:])


def test_xlsx_matches_the_csv(client, officer, responses):
    round_, made = responses
    response = client.get(
        reverse("surveys:export", kwargs={"round_id": round_.pk, "fmt": "xlsx"})
    )
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[0][6] == "Which best describes you?"
    assert {r[7] for r in rows[1:]} == {'\'=HYPERLINK("http://evil")', "'@SUM(A1)"}


def test_exports_need_the_permission(client, responses):
    round_, _ = responses
    url = reverse("surveys:export", kwargs={"round_id": round_.pk, "fmt": "csv"})
    client.force_login(User.objects.create_user("staff@example.org", "x" * 16))
    assert client.get(url).status_code == 403


def test_unknown_format_is_not_found(client, officer, responses):
    round_, _ = responses
    url = reverse("surveys:export", kwargs={"round_id": round_.pk, "fmt": "pdf"})
    assert client.get(url).status_code == 404


def test_admin_lists_rounds_to_export(client, officer, responses):
    round_, _ = responses
    officer.user_permissions.clear()
    html = client.get("/admin/response-exports/").content.decode()
    assert (
        reverse("surveys:export", kwargs={"round_id": round_.pk, "fmt": "xlsx"}) in html
    )


def test_admin_shows_answers_that_arrived_after_closing(client, officer, responses):
    from datetime import timedelta

    from django.utils import timezone

    round_, _ = responses
    late = Draft.objects.create(round=round_, answers={"x": "late view"})
    round_.closes_at = timezone.now() - timedelta(minutes=1)
    round_.save()
    with pytest.raises(Exception, match="RoundClosed|"):
        submit_draft(draft_id=late.pk)
    html = client.get("/admin/response-exports/").content.decode()
    assert "Answers that arrived after closing" in html
    assert "<td>1</td>" in html
