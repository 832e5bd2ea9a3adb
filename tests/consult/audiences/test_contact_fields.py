"""Nominating and correcting a bounced contact share one pair of contact
fields and their cleaning (``ContactFieldsForm``); the nominee form keeps its
order for the people filling it in."""

import pytest

from consult.audiences.forms import (
    ContactCorrectionForm,
    ContactFieldsForm,
    NominationForm,
    NomineeForm,
)
from consult.organisation.models import Service
from tests.cms.factories import ConsultationFactory

from .factories import NominationFactory

pytestmark = pytest.mark.django_db


def test_both_forms_take_their_contact_fields_from_one_place():
    for form in (NomineeForm, ContactCorrectionForm):
        assert issubclass(form, ContactFieldsForm)
        for name in ("email", "mobile", "clean_email", "clean_mobile"):
            assert name not in vars(form), f"{form.__name__} repeats {name}"


def test_the_nominee_form_keeps_its_order():
    nomination = NominationFactory(consultation=ConsultationFactory())
    form = NominationForm(
        consultation=nomination.consultation, services=Service.objects.all()
    )
    assert list(form.fields) == [
        "service",
        "name",
        "email",
        "mobile",
        "relationship",
        "preferred_language",
        "access_needs",
        "consent_to_contact",
    ]


def test_a_correction_is_cleaned_like_a_nomination():
    nomination = NominationFactory(
        consultation=ConsultationFactory(), email="old@example.org"
    )
    typed = {"email": " New@Example.ORG ", "mobile": "07700 900123"}
    correction = ContactCorrectionForm(typed, nomination=nomination)
    assert correction.is_valid(), correction.errors
    nominee = NomineeForm(
        {
            **typed,
            "name": "A",
            "relationship": "parent_carer",
            "consent_to_contact": "on",
        },
        consultation=nomination.consultation,
    )
    nominee.is_valid()
    for field in ("email", "mobile"):
        assert correction.cleaned_data[field] == nominee.cleaned_data[field]
