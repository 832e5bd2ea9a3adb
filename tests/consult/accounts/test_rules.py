import pytest
from django.contrib.auth.models import Group

from consult.accounts.models import User
from consult.accounts.roles import Role
from surveys.models import Consultation
from surveys.rules import can_read_consultation
from tests.cms.factories import ConsultationFactory

pytestmark = pytest.mark.django_db


def _user(email, role=None):
    user = User.objects.create_user(email, "a-long-password-1")
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def test_project_lead_reads_only_the_consultations_they_lead():
    led, other = ConsultationFactory(), ConsultationFactory()
    lead = _user("lead@example.org", Role.PROJECT_LEAD)
    led.leads.add(lead)
    assert can_read_consultation(lead, led)
    assert not can_read_consultation(lead, other)
    assert list(Consultation.objects.readable_by(lead)) == [led]


def test_officer_reads_all_and_staff_none():
    consultation = ConsultationFactory()
    officer = _user("officer@example.org", Role.OFFICER)
    staff = _user("staff@example.org", Role.STAFF)
    consultation.leads.add(staff)  # being listed as lead without the role is not enough
    assert can_read_consultation(officer, consultation)
    assert not can_read_consultation(staff, consultation)
    assert not Consultation.objects.readable_by(staff).exists()


def test_council_staff_are_people_with_a_role():
    assert not _user_is_staff(None)
    for role in Role.ALL:
        assert _user_is_staff(role), role


def _user_is_staff(role) -> bool:
    from consult.accounts.rules import is_council_staff

    return is_council_staff(
        _user(f"{role or 'none'}@example.org".replace(" ", ""), role)
    )
