"""Who may see equality evidence (officers, and the consultation's project
leads; to anyone else it does not exist) and who may change it (officers)."""

from consult.accounts.rules import is_officer
from consult.reports.rules import readable_consultations


def evidence_consultations(user):
    return readable_consultations(user)


def can_edit_assessment(user) -> bool:
    return is_officer(user)


def can_import_population(user) -> bool:
    return is_officer(user)
