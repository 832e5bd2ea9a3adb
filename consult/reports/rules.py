"""Who may read reports: officers, and the project leads of the consultation."""

from consult.accounts.rules import consultations_readable_by


def readable_consultations(user):
    return consultations_readable_by(user)
