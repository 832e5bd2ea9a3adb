"""Who may read reports: officers, and the project leads of the consultation."""

from consult.accounts.rules import consultations_readable_by, is_officer, leads_any


def readable_consultations(user):
    return consultations_readable_by(user)


def can_see_reports(user) -> bool:
    return is_officer(user) or leads_any(user)
