"""Signals other apps listen to, so that surveys depends on none of them.

All are sent inside the submitting transaction; receivers that start work
elsewhere (tasks, e-mail) must defer it with ``transaction.on_commit``.
"""

from django.dispatch import Signal

# sender=Response class; kwargs: response, answers (the current Answer list)
response_submitted = Signal()
# sender=Response class; kwargs: response
response_withdrawn = Signal()
# sender=Response class; kwargs: response (already deleted: an erasure on
# request, consult.audiences.subject_rights). Copies kept elsewhere must go.
response_erased = Signal()
