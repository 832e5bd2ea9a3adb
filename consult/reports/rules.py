"""Who may read reports: officers, and the project leads of the consultation."""

from surveys.models import Consultation


def readable_consultations(user):
    return Consultation.objects.readable_by(user)
