"""The officer's form for opening a review period."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets import AdminDateTimeInput


class ReviewRoundForm(forms.Form):
    """Dates, the "what we heard" summary, and the draft themes to ask about."""

    opens_at = forms.DateTimeField(
        label=_("Opens"),
        widget=AdminDateTimeInput,
        error_messages={"required": _("Enter when the review period opens")},
    )
    closes_at = forms.DateTimeField(
        label=_("Closes"),
        widget=AdminDateTimeInput,
        help_text=_("The personal links stop working then."),
        error_messages={"required": _("Enter when the review period closes")},
    )
    summary = forms.CharField(
        label=_("What we heard"),
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text=_(
            "Shown on the consultation page and in the invitation e-mail. "
            "Drafted from what people wrote: the sentences that say each theme's "
            "key points best, with how many answers said it. Edit or remove any "
            "point; the points (lines starting with -) left under each theme are "
            'also shown on its "Did we hear this right?" page.'
        ),
        max_length=10000,
        error_messages={"required": _("Enter what we heard")},
    )
    themes = forms.MultipleChoiceField(
        label=_("Themes to ask about"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each gets a “did we hear this right?” page, and all are ranked."),
        error_messages={"required": _("Choose at least one theme to ask about")},
    )

    def __init__(self, *args, draft_themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.draft_themes = {str(d.theme.pk): d for d in draft_themes}
        self.fields["themes"].choices = [
            (key, f"{d.name} ({d.answers} answers)")
            for key, d in self.draft_themes.items()
        ]

    def clean(self):
        cleaned = super().clean()
        opens, closes = cleaned.get("opens_at"), cleaned.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error(
                "closes_at", _("The review period must close after it opens")
            )
        return cleaned

    def chosen_themes(self):
        """The chosen draft themes, most frequent first."""
        chosen = set(self.cleaned_data["themes"])
        return [d for key, d in self.draft_themes.items() if key in chosen]
