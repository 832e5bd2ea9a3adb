"""The report page, theme pages and downloads: who may read them, what they show."""

import pytest
from django.urls import reverse

from consult.analysis.models import ThemeAssignment

pytestmark = pytest.mark.django_db


def urls(world):
    c = {"consultation_id": world.consultation.pk}
    return [
        reverse("reports:report", kwargs=c),
        reverse("reports:theme", kwargs=c | {"theme_key": "camhs"}),
        reverse("reports:pdf", kwargs=c),
        reverse("reports:xlsx", kwargs=c),
    ]


def test_officers_and_the_consultations_leads_read_everything(
    client, world, officer, lead
):
    for user in (officer, lead):
        client.force_login(user)
        for url in urls(world):
            assert client.get(url).status_code == 200, (user, url)


def test_a_lead_of_another_consultation_gets_not_found(client, world, other_lead):
    client.force_login(other_lead)
    for url in urls(world):
        assert client.get(url).status_code == 404, url


def test_signed_out_visitors_are_sent_to_sign_in(client, world):
    for url in urls(world):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_the_page_shows_every_section_and_theme(client, world, lead):
    client.force_login(lead)
    page = client.get(reverse("reports:report", args=[world.consultation.pk]))
    html = page.content.decode()
    for section in ("summary", "questions", "themes", "matrices", "comparison"):
        assert f'id="{section}"' in html
    for theme in page.context["report"].themes:
        assert theme.name in html
    assert html.count("<svg") >= 5
    evidence = reverse("reports:equalities:evidence", args=[world.consultation.pk])
    assert f'href="{evidence}"' in html
    assert "<script" not in html.split("<main")[1].split("</main>")[0]


def test_filters_come_from_the_address(client, world, lead):
    client.force_login(lead)
    url = reverse("reports:report", args=[world.consultation.pk])
    page = client.get(url, {"respondent_type": "Staff member", "channel": "online"})
    report = page.context["report"]
    assert (report.filters.respondent_type, report.filters.channel) == (
        "Staff member",
        "online",
    )
    assert dict(report.by_type).keys() <= {"Staff member"}


def test_an_unknown_filter_value_is_refused_clearly(client, world, lead):
    client.force_login(lead)
    url = reverse("reports:report", args=[world.consultation.pk])
    page = client.get(url, {"channel": "carrier pigeon", "round": "<b>"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "There is no channel “carrier pigeon” in this report" in html
    assert "<b>" not in html.split("<main")[1]
    assert not page.context["report"].filters.active


def test_the_theme_page_lists_tagged_answers_and_takes_decisions(
    client, world, officer
):
    client.force_login(officer)
    url = reverse("reports:theme", args=[world.consultation.pk, "front-door"])
    page = client.get(url)
    assert page.context["allowed"]
    tag = page.context["rows"][0]["tag"]
    decide = reverse("reports:decide", args=[world.consultation.pk, tag.pk])
    response = client.post(decide, {"decision": "rejected", "query": "channel=online"})
    assert response.status_code == 302
    assert response["Location"].endswith("?channel=online")
    tag.refresh_from_db()
    assert tag.decision == ThemeAssignment.Decision.REJECTED
    before = page.context["figures"].count
    after = client.get(url).context["figures"].count
    assert after == before - 1  # the report counts the decision at once


def test_the_theme_page_filters_by_sentiment_and_channel(client, world, lead):
    client.force_login(lead)
    url = reverse("reports:theme", args=[world.consultation.pk, "front-door"])
    negative = client.get(url, {"sentiment": "negative"}).context["people"]
    everyone = client.get(url).context["people"]
    assert 0 < negative < everyone


def test_a_tag_of_another_consultation_is_not_found(client, world, lead):
    from tests.consult.reports.factories import random_world

    elsewhere = random_world(3, seed=2)
    tag = ThemeAssignment.objects.filter(consultation=elsewhere.consultation).first()
    client.force_login(lead)
    decide = reverse("reports:decide", args=[world.consultation.pk, tag.pk])
    assert client.post(decide, {"decision": "rejected"}).status_code == 404
    tag.refresh_from_db()
    assert tag.decision == ThemeAssignment.Decision.PENDING


def test_the_admin_listing_and_analysis_pages_link_to_the_report(
    client, world, officer
):
    client.force_login(officer)
    report = reverse("reports:report", args=[world.consultation.pk])
    listing = client.get(reverse("wagtailsnippets_surveys_consultation:list"))
    assert report in listing.content.decode()
    analysis = client.get(
        reverse("analysis_consultation", args=[world.consultation.pk])
    )
    assert report in analysis.content.decode()
    assert report in client.get(reverse("analysis_index")).content.decode()


def test_reports_index_lists_only_what_a_lead_may_read(client, world, lead):
    from tests.cms.factories import ConsultationFactory

    other = ConsultationFactory(title="Not theirs")
    client.force_login(lead)
    html = client.get(reverse("reports:index")).content.decode()
    assert world.consultation.title in html and other.title not in html
