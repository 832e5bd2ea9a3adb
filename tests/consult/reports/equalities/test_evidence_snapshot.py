"""The equality evidence is built once, stored, and read by pages; beat's task
rebuilds it when what it was built from changes."""

import pytest
from django.conf import settings

from consult.accounts.roles import Role
from consult.reports.equalities.evidence import fingerprint
from consult.reports.equalities.models import EvidenceSnapshot
from consult.reports.equalities.tasks import (
    refresh_evidence_task,
    refresh_stale_evidence,
)
from surveys.models import Question
from tests.cms.factories import RoundFactory
from tests.consult.analysis.factories import person
from tests.surveys.factories import SurveyFactory, question

from .factories import population, respond_many

pytestmark = pytest.mark.django_db


def _round():
    survey = SurveyFactory()
    door = question(survey, Question.Kind.AGREE_SCALE, "One number for all")
    round_ = RoundFactory(survey=survey)
    for disability in ("Yes", "No"):
        for answer in ("Agree", "Disagree"):
            respond_many(
                round_,
                15,
                monitoring={"disability": disability},
                answers={door: answer},
            )
    respond_many(round_, 3, monitoring={"sex": "Female"}, answers={door: "Agree"})
    return round_, door


def test_the_task_builds_once_and_again_only_when_responses_change():
    round_, door = _round()
    consultation = round_.consultation
    assert refresh_stale_evidence() == 1
    first = EvidenceSnapshot.objects.get(consultation=consultation)
    # Idempotent: nothing changed, nothing rebuilt.
    assert refresh_stale_evidence() == 0
    assert refresh_evidence_task(str(consultation.pk)) is True
    assert EvidenceSnapshot.objects.get(consultation=consultation).built_at == (
        first.built_at
    )
    respond_many(round_, 20, monitoring={"disability": "No"}, answers={door: "Agree"})
    assert fingerprint(consultation)[0] != first.fingerprint
    assert refresh_stale_evidence() == 1
    again = EvidenceSnapshot.objects.get(consultation=consultation)
    assert again.built_at > first.built_at and again.responses == 83
    # A new population profile changes the evidence too.
    population()
    assert refresh_stale_evidence() == 1


def test_a_consultation_gone_is_a_quiet_no():
    assert refresh_evidence_task("00000000-0000-0000-0000-000000000000") is False


def test_the_snapshot_keeps_no_hidden_figure():
    round_, _ = _round()
    refresh_stale_evidence()
    data = EvidenceSnapshot.objects.get(consultation=round_.consultation).data
    figures = [f for p in data["profiles"] for f in (p["answered"], p["not_given"])]
    figures += [row[1] for p in data["profiles"] for row in p["rows"]]
    figures += [impact[2] for impact in data["impacts"]]
    hidden = [f for f in figures if f[1]]
    assert hidden and all(f[0] is None for f in hidden)


def test_the_page_reads_the_stored_evidence(client):
    round_, _ = _round()
    refresh_stale_evidence()
    built = EvidenceSnapshot.objects.get(consultation=round_.consultation).built_at
    client.force_login(person("officer@example.org", Role.OFFICER))
    url = f"/reports/{round_.consultation.pk}/equalities/"
    page = client.get(url)
    assert page.status_code == 200
    assert b"Figures as at" in page.content
    assert EvidenceSnapshot.objects.get().built_at == built


def test_the_page_builds_it_when_there_is_none_yet(client):
    round_, _ = _round()
    client.force_login(person("officer@example.org", Role.OFFICER))
    assert client.get(f"/reports/{round_.consultation.pk}/equalities/").status_code
    assert EvidenceSnapshot.objects.filter(consultation=round_.consultation).exists()


def test_beat_rebuilds_stale_evidence_every_minute():
    entry = settings.CELERY_BEAT_SCHEDULE["equality-evidence-refresh-stale"]
    assert entry == {"task": "equality_evidence.refresh_stale", "schedule": 60}
