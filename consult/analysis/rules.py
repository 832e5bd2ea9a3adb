"""Who may do what with analysis, defined once; views enforce these.

Reading analysis and confirming or rejecting tags follows who may read the
consultation (officers: all; project leads: those they lead). Running,
cancelling and changing codebooks is for officers.
"""

from consult.accounts.rules import is_officer
from surveys.models import Consultation
from surveys.rules import can_read_consultation, leads_any


def can_see_analysis_menu(user) -> bool:
    return is_officer(user) or leads_any(user)


def reviewable_consultations(user):
    """Consultations whose analysis ``user`` may read and review."""
    return Consultation.objects.readable_by(user)


def can_review(user, consultation) -> bool:
    return can_read_consultation(user, consultation)


def can_run_analysis(user, consultation) -> bool:
    return is_officer(user) and can_read_consultation(user, consultation)


def can_change_codebook(user, consultation) -> bool:
    return can_run_analysis(user, consultation)


def can_shape_themes(user, consultation) -> bool:
    """Accepting, renaming, merging or dismissing candidate themes: officers,
    and project leads for the consultations they lead."""
    return can_read_consultation(user, consultation)
