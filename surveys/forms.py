"""A form for one section of a survey, built from its questions."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Question

# Translated when a form is built (the pages' language), not at import.
REQUIRED_MESSAGES = {
    "text": gettext_lazy("Enter your answer to “%(label)s”"),
    "choice": gettext_lazy("Select an answer to “%(label)s”"),
}


class RankingWidget(forms.Widget):
    """One select per option, all under the question's name: posted in page order."""

    def value_from_datadict(self, data, files, name):
        return data.getlist(name) if hasattr(data, "getlist") else data.get(name)


class RankingBoundField(forms.BoundField):
    @property
    def rows(self) -> list[tuple[int, str, str]]:
        """(number, option, position chosen) for each option, for the template."""
        value = self.value()
        chosen = value if isinstance(value, list) else []
        return [
            (number, option, chosen[number - 1] if number <= len(chosen) else "")
            for number, option in enumerate(self.field.options, start=1)
        ]


class RankingField(forms.Field):
    """Put the options in order: a position (1 to N) for each, each used once.

    Cleans to the options in ranked order. Works without JavaScript: a select
    per option, so nothing needs dragging.
    """

    widget = RankingWidget

    def __init__(self, *, options: list[str], **kwargs):
        self.options = options
        # The positions each select offers; the error summary links the first.
        self.choices = [(str(n), str(n)) for n in range(1, len(options) + 1)]
        super().__init__(**kwargs)

    def get_bound_field(self, form, field_name):
        return RankingBoundField(form, self, field_name)

    def to_python(self, value):
        if isinstance(value, str):
            value = [value]
        values = [str(v).strip() for v in (value or [])]
        return [] if not any(values) else values

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        label, count = self.label, len(self.options)
        if len(value) != count or "" in value:
            raise forms.ValidationError(
                _("Select a position for every option in “%(label)s”")
                % {"label": label},
                code="incomplete",
            )
        allowed = {str(n) for n in range(1, count + 1)}
        if not set(value) <= allowed:
            raise forms.ValidationError(
                _(
                    "Choose a position from 1 to %(count)s for each option in "
                    "“%(label)s”"
                )
                % {"count": count, "label": label},
                code="invalid_choice",
            )
        repeated = sorted({v for v in value if value.count(v) > 1}, key=int)
        if repeated:
            raise forms.ValidationError(
                _(
                    "Use each position once in “%(label)s”: you chose "
                    "%(positions)s more than once"
                )
                % {"label": label, "positions": _(" and ").join(repeated)},
                code="repeated",
            )

    def clean(self, value):
        positions = super().clean(value)
        if not positions:
            return []
        by_position = sorted(
            zip(positions, self.options, strict=True), key=lambda p: int(p[0])
        )
        return [option for _, option in by_position]


def field_for(question: Question) -> forms.Field:
    label, hint, required = question.label, question.hint, question.required
    if question.kind == Question.Kind.RANKING:
        return RankingField(
            options=question.choices(),
            label=label,
            help_text=hint,
            required=required,
            error_messages={
                "required": _("Select a position for every option in “%(label)s”")
                % {"label": label}
            },
        )
    kind = "text" if question.kind in Question.TEXT_KINDS else "choice"
    messages = {"required": REQUIRED_MESSAGES[kind] % {"label": label}}
    if question.kind in Question.TEXT_KINDS:
        limit = question.limit
        # %(show_value)d is filled in by Django's validator.
        messages["max_length"] = _(
            "“%(label)s” must be %(limit)s characters or fewer. "
            "You have %%(show_value)d characters."
        ) % {"label": label, "limit": f"{limit:,}"}
        widget = (
            forms.Textarea(attrs={"rows": 6})
            if question.kind == Question.Kind.LONG_TEXT
            else forms.TextInput
        )
        return forms.CharField(
            label=label,
            help_text=hint,
            required=required,
            max_length=limit,
            strip=False,
            widget=widget,
            error_messages=messages,
        )
    values = question.choices()
    # Another version's labels (surveys.versions); the values stay the originals.
    shown = getattr(question, "display_options", None) or values
    choices = list(zip(values, shown, strict=False))
    messages["invalid_choice"] = _("Select one of the options for “%(label)s”") % {
        "label": label
    }
    messages["invalid_list"] = messages["invalid_choice"]
    if question.kind in Question.MULTIPLE_KINDS:
        return forms.MultipleChoiceField(
            label=label,
            help_text=hint,
            required=required,
            choices=choices,
            widget=forms.CheckboxSelectMultiple,
            error_messages=messages,
        )
    return forms.ChoiceField(
        label=label,
        help_text=hint,
        required=required,
        choices=choices,
        widget=forms.RadioSelect,
        error_messages=messages,
    )


class SectionForm(forms.Form):
    """Fields are named after question ids; anything else posted is ignored."""

    def __init__(self, questions: list[Question], *args, fields=None, **kwargs):
        """``fields``: a dict to reuse fields from (validation only, as fields
        keep no state while cleaning), filled as they are built."""
        super().__init__(*args, **kwargs)
        self.questions = {str(q.pk): q for q in questions}
        cache = {} if fields is None else fields
        for key, question in self.questions.items():
            if key not in cache:
                cache[key] = field_for(question)
            self.fields[key] = cache[key]

    @property
    def pairs(self):
        """(bound field, question) for each question, in order, for templates."""
        return [(self[key], question) for key, question in self.questions.items()]

    def raw_answers(self) -> dict:
        """What was posted for these questions, valid or not, to keep in the draft.

        Bounded by each question's limit: text a little over it is kept, so
        that the respondent can cut it down (``kept_length``), megabytes are
        not; a list keeps no more items than a question has options.
        """
        out = {}
        for key, question in self.questions.items():
            limit = kept_length(question.limit or MAX_CHOICE_LENGTH)
            if question.kind in Question.LIST_KINDS:
                values = self.data.getlist(key)[:MAX_LIST_ITEMS]
                out[key] = [_storable(v)[:limit] for v in values]
            else:
                out[key] = _storable(self.data.get(key, ""))[:limit]
        return out


# An option's wording, or a ranking's position, is never longer than this;
# nor has any question this many options.
MAX_CHOICE_LENGTH = 500
MAX_LIST_ITEMS = 100


def kept_length(limit: int) -> int:
    """How much of an answer over ``limit`` a draft keeps: twice the limit, and
    at least 1,000 characters over it (a pasted paragraph too many)."""
    return limit + max(limit, 1000)


def _storable(value: str) -> str:
    """Drop NUL characters: PostgreSQL cannot store them and no one types them.

    The form still sees them and refuses the answer with a clear message.
    """
    return value.replace("\x00", "")


EMAIL_FORMAT_MESSAGE = gettext_lazy(
    "Enter an e-mail address in the correct format, like name@example.com"
)


class ReceiptForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address (optional)"),
        help_text=gettext_lazy(
            "We will send your reference number and a link to view or withdraw "
            "your response. We use it for nothing else."
        ),
        required=False,
        error_messages={"invalid": EMAIL_FORMAT_MESSAGE},
    )
    consent = forms.BooleanField(
        label=gettext_lazy(
            "You may contact me again about this consultation, for example to "
            "check that you understood my views"
        ),
        required=False,
    )


class ResumeEmailForm(forms.Form):
    email = forms.EmailField(
        label=gettext_lazy("E-mail address"),
        error_messages={
            "required": gettext_lazy("Enter your e-mail address"),
            "invalid": EMAIL_FORMAT_MESSAGE,
        },
    )


class FindResponseForm(forms.Form):
    """A reference and the e-mail address it was sent with, to get a new link."""

    reference = forms.CharField(
        label=gettext_lazy("Your reference number"),
        help_text=gettext_lazy(
            "It starts SB-, for example SB-7KQ4M2XA. It was on the page "
            "after you sent your response."
        ),
        max_length=20,
        error_messages={"required": gettext_lazy("Enter your reference number")},
    )
    email = forms.EmailField(
        label=gettext_lazy("The e-mail address you gave with your response"),
        error_messages={
            "required": gettext_lazy("Enter your e-mail address"),
            "invalid": EMAIL_FORMAT_MESSAGE,
        },
    )

    def clean_reference(self):
        value = "".join(self.cleaned_data["reference"].split()).upper()
        if not value.startswith("SB-"):
            value = "SB-" + value.removeprefix("SB")
        return value


class AssistedStartForm(forms.Form):
    """How a member of staff is helping, and the respondent's consent."""

    channel = forms.ChoiceField(
        label="How are you helping the respondent?",
        choices=[
            ("in_person", "In person"),
            ("phone", "By phone"),
            ("translated", "With translation or interpreting"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you are helping the respondent"},
    )
    language = forms.CharField(
        label="Which language are you translating from?",
        max_length=100,
        required=False,
    )
    consent = forms.BooleanField(
        label="The respondent has agreed to this",
        error_messages={
            "required": "Confirm that the respondent has agreed before you start"
        },
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("channel") == "translated"
            and not cleaned.get("language", "").strip()
        ):
            self.add_error("language", "Enter the language you are translating from")
        return cleaned


class CopySurveyForm(forms.Form):
    title = forms.CharField(label="Title of the copy", max_length=255)
