from django.db import models


def standing_q() -> models.Q:
    """Tags that count: suggested or confirmed, and not rejected."""
    return ~models.Q(decision="rejected") & (
        models.Q(suggested=True) | models.Q(decision="confirmed")
    )


class ThemeAssignmentQuerySet(models.QuerySet):
    def current(self):
        """Tags on answers that reports read: the latest version, not withdrawn."""
        return self.filter(
            answer__is_current=True, answer__response__withdrawn_at__isnull=True
        )

    def standing(self):
        """Tags that count: suggested or confirmed, and not rejected."""
        return self.filter(standing_q())
