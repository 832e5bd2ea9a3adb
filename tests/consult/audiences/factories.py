"""Factories and helpers for nominations, invitations and the people who make them."""

import factory
from django.contrib.auth.models import Group
from django.utils import timezone

from consult.accounts.models import User
from consult.accounts.roles import Role
from consult.audiences.models import Invitation, Nomination
from consult.organisation.models import Service
from surveys.models import Consultation
from tests.conftest import with_totp
from tests.surveys.factories import survey_round


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Service {n}")
    slug = factory.Sequence(lambda n: f"service-{n}")


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Nomination

    service = factory.SubFactory(ServiceFactory)
    name = factory.Sequence(lambda n: f"Nominee {n}")
    email = factory.Sequence(lambda n: f"nominee{n}@example.org")
    relationship = Nomination.Relationship.PARENT_CARER
    consent_to_contact = True
    consent_recorded_at = factory.LazyFunction(timezone.now)


def user(email, role=None):
    person = User.objects.create_user(email, "a-long-password-1")
    if role:
        person.groups.add(Group.objects.get(name=role))
    if role in (Role.OFFICER, Role.PROJECT_LEAD):
        with_totp(person)
    return person


def manager_of(*services, email="manager@example.org"):
    person = user(email, Role.SERVICE_MANAGER)
    for service in services:
        service.managers.add(person)
    return person


def targeted_round(**round_kwargs):
    """An open main round of a targeted consultation with a two-section survey."""
    round_, questions = survey_round(
        consultation__audience=Consultation.Audience.TARGETED, **round_kwargs
    )
    return round_, questions


def invited(nomination, round_) -> Invitation:
    """An unsent invitation of ``nomination`` to ``round_``."""
    return Invitation.objects.create(
        nomination=nomination, round=round_, expires_at=round_.closes_at
    )
