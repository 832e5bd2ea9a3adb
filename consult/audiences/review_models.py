"""The review period's record of which draft themes it put to respondents.

Kept apart from the nomination models; ``models.py`` imports it so Django
finds it. One row per draft theme in a review round, with the questions that
ask about it, so the comparison report reads answers by theme, not by label.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewTheme(models.Model):
    """A draft theme put back to respondents in a review round."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(
        "surveys.Round",
        on_delete=models.CASCADE,
        related_name="review_themes",
        verbose_name=_("review round"),
    )
    theme = models.ForeignKey(
        "analysis.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("theme"),
    )
    # As shown to respondents (and the ranking's option), kept if the theme goes.
    name = models.CharField(_("name"), max_length=200)
    main_answers = models.PositiveIntegerField(
        _("answers in the main round when the review opened"), default=0
    )
    sort_order = models.PositiveIntegerField(default=0)
    check_question = models.ForeignKey(
        "surveys.Question",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("did we hear this right question"),
    )
    correction_question = models.ForeignKey(
        "surveys.Question",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("what did we get wrong question"),
    )
    ranking_question = models.ForeignKey(
        "surveys.Question",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ranking question"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["round", "sort_order"]
        verbose_name = _("draft theme under review")
        verbose_name_plural = _("draft themes under review")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "name"], name="one_review_theme_per_name"
            )
        ]

    def __str__(self):
        return self.name
