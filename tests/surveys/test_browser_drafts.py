"""This browser's pointer to its draft: a signed cookie, not shown after signing out."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.core import signing
from django.urls import reverse

from consult.accounts.models import User
from consult.accounts.roles import Role
from surveys.browser_drafts import COOKIE, SALT
from surveys.models import Draft
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db


def url(name, round_, **kw):
    return reverse(f"surveys:{name}", kwargs={"round_id": round_.pk, **kw})


def answered(client, round_):
    page = client.get(url("section", round_, number=1)).content.decode()
    return "checked" in page


def test_an_anonymous_respondent_carries_on_without_a_session(client):
    round_, q = survey_round()
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Other"})
    client.post(url("section", round_, number=2), {str(q["views"].pk): "Mine"})
    assert "Mine" in client.get(url("check", round_)).content.decode()
    sent = client.post(url("check", round_))
    assert "Response sent" in sent.content.decode()
    assert not Session.objects.exists()


def test_a_forged_or_unsigned_pointer_is_ignored(client):
    round_, q = survey_round()
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Other"})
    draft = Draft.objects.get()
    pointer = f"~{round_.pk}.{draft.pk}"  # written when nobody was signed in
    for forged in (
        pointer,  # unsigned
        signing.get_cookie_signer(salt="another purpose").sign(pointer),
    ):
        other = client.__class__()
        other.cookies[COOKIE] = forged
        assert not answered(other, round_)
    honest = client.__class__()
    honest.cookies[COOKIE] = signing.get_cookie_signer(salt=COOKIE + SALT).sign(pointer)
    assert answered(honest, round_)


def test_a_signed_in_respondents_draft_is_not_shown_after_signing_out(client):
    round_, q = survey_round()
    client.force_login(User.objects.create_user("r@example.org", "x" * 16))
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Other"})
    assert answered(client, round_)
    client.logout()  # the pointer cookie stays; the draft is not theirs
    assert not answered(client, round_)
    assert client.get(url("check", round_)).url == url("start", round_)


def test_an_assisted_draft_is_not_shown_after_the_staff_member_signs_out(client):
    round_, q = survey_round()
    staff = User.objects.create_user("s@example.org", "x" * 16)
    staff.groups.add(Group.objects.get(name=Role.STAFF))
    client.force_login(staff)
    client.post(url("assist_start", round_), {"channel": "phone", "consent": "on"})
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Other"})
    assert Draft.objects.get().assisted_by == staff and answered(client, round_)
    client.logout()
    assert not answered(client, round_)


def test_pointers_kept_in_sessions_from_before_still_work(client):
    round_, q = survey_round()
    draft = Draft.objects.create(round=round_, answers={str(q["who"].pk): "Other"})
    session = client.session
    session["drafts"] = {str(round_.pk): str(draft.pk)}
    session.save()
    assert answered(client, round_)


def test_a_resume_link_opens_a_signed_in_respondents_draft_anywhere(client):
    import re

    round_, q = survey_round()
    client.force_login(User.objects.create_user("r@example.org", "x" * 16))
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Other"})
    saved = client.get(url("save", round_)).content.decode()
    link = re.search(r"/respond/resume/[^<\s]+", saved).group(0)
    elsewhere = client.__class__()  # another browser, nobody signed in
    assert elsewhere.get(link).url == url("section", round_, number=1)
    assert answered(elsewhere, round_)


def test_signing_in_part_way_keeps_the_draft(client):
    round_, q = survey_round()
    client.post(url("section", round_, number=1), {str(q["who"].pk): "Other"})
    client.force_login(User.objects.create_user("r@example.org", "x" * 16))
    assert answered(client, round_)
