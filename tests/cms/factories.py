"""Factories for pages and the consultation records they present."""

from datetime import timedelta

import factory
from django.utils import timezone

from cms.demo import install_home_page
from cms.models import ConsultationIndexPage, ConsultationPage
from surveys.models import Consultation, Round


class ConsultationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consultation

    title = factory.Sequence(lambda n: f"Consultation {n}")
    audience = Consultation.Audience.PUBLIC


class RoundFactory(factory.django.DjangoModelFactory):
    """A main round open now, for a week either side, unless told otherwise."""

    class Meta:
        model = Round

    consultation = factory.SubFactory(ConsultationFactory)
    kind = Round.Kind.MAIN
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))


def make_site_tree():
    """A HomePage as the default site's root, and a consultation index under it."""
    home = install_home_page()
    return home.add_child(
        instance=ConsultationIndexPage(title="Consultations", slug="consultations")
    )


def add_consultation_page(
    index, *, title="Our new operating model", consultation=None, **fields
):
    consultation = consultation or RoundFactory(consultation__title=title).consultation
    page = ConsultationPage(
        title=title,
        consultation=consultation,
        summary=fields.pop("summary", "We want your views."),
        **fields,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page
