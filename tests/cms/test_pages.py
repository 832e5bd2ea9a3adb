"""Page types, where they may live, and publishing through the Wagtail admin."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from cms.models import ConsultationIndexPage, ConsultationPage, HomePage, OutcomePage
from consult.accounts.models import User
from surveys.models import Consultation
from tests.cms.factories import RoundFactory, make_site_tree
from tests.conftest import with_totp


class PageTreeRules(WagtailPageTestCase):
    def test_each_page_type_lives_only_where_it_belongs(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {ConsultationIndexPage})
        self.assertAllowedSubpageTypes(ConsultationIndexPage, {ConsultationPage})
        self.assertAllowedSubpageTypes(ConsultationPage, {OutcomePage})
        self.assertAllowedSubpageTypes(OutcomePage, set())
        self.assertAllowedParentPageTypes(OutcomePage, {ConsultationPage})


class PublishingInTheAdmin(WagtailPageTestCase):
    def setUp(self):
        self.index = make_site_tree()
        self.user = with_totp(
            User.objects.create_superuser("officer@example.org", "x" * 16)
        )
        self.client.force_login(self.user)

    def test_an_officer_creates_and_publishes_a_consultation_page(self):
        consultation = RoundFactory(
            consultation__title="Youth services review"
        ).consultation
        data = nested_form_data(
            {
                "title": "Youth services review",
                "slug": "youth-services-review",
                "consultation": consultation.pk,
                "summary": "Tell us about youth clubs.",
                "body": streamfield(
                    [
                        ("heading", {"text": "What we propose", "level": "h2"}),
                        ("paragraph", rich_text("<p>Two new youth hubs.</p>")),
                    ]
                ),
                "documents": inline_formset([]),
                "contact": rich_text("<p>Call us.</p>"),
                "action-publish": "publish",
            }
        )
        self.assertCanCreate(self.index, ConsultationPage, data)
        page = ConsultationPage.objects.get(slug="youth-services-review")
        assert page.live and page.consultation == consultation
        html = self.client.get(page.url).content.decode()
        assert "Two new youth hubs." in html and "Open" in html

    def test_consultation_records_are_listed_with_their_status(self):
        RoundFactory(consultation__title="Libraries consultation")
        response = self.client.get("/admin/snippets/surveys/consultation/")
        assert response.status_code == 200
        assert "Libraries consultation" in response.content.decode()

    def test_publishing_an_outcome_marks_the_consultation(self):
        round_ = RoundFactory()
        page = ConsultationPage(
            title="C", slug="c", consultation=round_.consultation, summary="s"
        )
        self.index.add_child(instance=page)
        outcome = OutcomePage(
            title="Outcome",
            slug="outcome",
            we_asked="<p>a</p>",
            you_said="<p>b</p>",
            we_did="<p>c</p>",
        )
        page.add_child(instance=outcome)
        outcome.save_revision().publish()
        consultation = Consultation.objects.get(pk=round_.consultation.pk)
        assert consultation.status == Consultation.Status.OUTCOME
        outcome.unpublish()
        consultation.refresh_from_db()
        assert consultation.status == Consultation.Status.OPEN
