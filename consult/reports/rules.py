"""Who may read reports: officers, and the project leads of the consultation."""

from consult.accounts.rules import is_officer
from surveys.models import Consultation
from surveys.rules import leads_any


def readable_consultations(user):
    return Consultation.objects.readable_by(user)


def can_see_reports(user) -> bool:
    return is_officer(user) or leads_any(user)
