"""The "New consultation" page's form: everything on one page."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from consult.accounts.roles import Role
from consult.organisation.models import Service
from surveys.models import Consultation, Question, Survey

from .publishing import NewConsultation
from .survey_templates import CHOICES as TEMPLATE_CHOICES

NEW_QUESTION_ROWS = 6
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime(label, invalid, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        help_text=help_text,
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format=DATETIME_FORMAT
        ),
        error_messages={"invalid": invalid},
    )


class SurveyChoiceField(forms.ModelChoiceField):
    """Surveys told apart: title, questions, where used, when made."""

    def label_from_instance(self, survey):
        return survey_label(survey)


def survey_label(survey) -> str:
    used = [str(r.consultation) for r in survey.rounds.all()]
    where = f"used by {', '.join(used)}" if used else "not used yet"
    count = len(survey.questions.all())
    return (
        f"{survey.title} ({count} question{'s' if count != 1 else ''}, {where}, "
        f"made {survey.created_at:%d %b %Y})"
    )


class NewConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        help_text=_(
            "One or two sentences for listings and the top of the page. "
            "You can write the rest of the page next."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    audience = forms.ChoiceField(
        label=_("Who can respond"),
        choices=Consultation.Audience.choices,
        initial=Consultation.Audience.PUBLIC,
        widget=forms.RadioSelect,
    )
    services = forms.ModelMultipleChoiceField(
        label=_("Services concerned (optional)"),
        queryset=Service.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    leads = forms.ModelMultipleChoiceField(
        label=_("Project leads (optional)"),
        help_text=_("They see this consultation's reports."),
        queryset=get_user_model().objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    opens_at = _datetime(_("Opens"), _("Enter when it opens as a date and time"))
    closes_at = _datetime(_("Closes"), _("Enter when it closes as a date and time"))
    review_opens_at = _datetime(
        _("Review period opens"),
        _("Enter when the review period opens as a date and time"),
        required=False,
        help_text=_("Optional: when to go back to respondents to check what we heard."),
    )
    review_closes_at = _datetime(
        _("Review period closes"),
        _("Enter when the review period closes as a date and time"),
        required=False,
    )
    survey_source = forms.ChoiceField(
        label=_("Survey"),
        choices=[
            ("template", _("Start from a template")),
            ("copy", _("Copy an existing survey")),
            ("new", _("Write new questions here")),
        ],
        initial="template",
        widget=forms.RadioSelect,
    )
    template = forms.ChoiceField(
        label=_("Template"),
        choices=TEMPLATE_CHOICES,
        initial=TEMPLATE_CHOICES[0][0],
        required=False,
        widget=forms.RadioSelect,
    )
    copy_from = SurveyChoiceField(
        label=_("Survey to copy"),
        queryset=Survey.objects.none(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leads"].queryset = (
            get_user_model()
            .objects.filter(groups__name=Role.PROJECT_LEAD, is_active=True)
            .order_by("email")
        )
        self.fields["copy_from"].queryset = Survey.objects.prefetch_related(
            "questions", "rounds__consultation"
        ).order_by("title", "-created_at")
        for n in range(1, NEW_QUESTION_ROWS + 1):
            self.fields[f"question_{n}"] = forms.CharField(
                label=_("Question %(number)s") % {"number": n},
                max_length=500,
                required=False,
            )
            self.fields[f"kind_{n}"] = forms.ChoiceField(
                label=_("Type of question %(number)s") % {"number": n},
                choices=Question.Kind.choices,
                initial=Question.Kind.LONG_TEXT,
                required=False,
            )

    def question_rows(self):
        """(question field, kind field) pairs, for the template."""
        return [
            (self[f"question_{n}"], self[f"kind_{n}"])
            for n in range(1, NEW_QUESTION_ROWS + 1)
        ]

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("The consultation must close after it opens"))
        review = (data.get("review_opens_at"), data.get("review_closes_at"))
        if any(review) and not all(review):
            self.add_error(
                "review_closes_at" if review[0] else "review_opens_at",
                _("Give both review period dates, or neither"),
            )
        elif all(review):
            if closes and review[0] < closes:
                self.add_error(
                    "review_opens_at",
                    _("The review period must open after the consultation closes"),
                )
            if review[1] <= review[0]:
                self.add_error(
                    "review_closes_at", _("The review period must close after it opens")
                )
        source = data.get("survey_source")
        if source == "template" and not data.get("template"):
            self.add_error("template", _("Choose a template"))
        if source == "copy" and not data.get("copy_from"):
            self.add_error("copy_from", _("Choose the survey to copy"))
        if source == "new" and not self.new_questions():
            self.add_error("question_1", _("Write at least one question"))
        return data

    def new_questions(self) -> list[tuple[str, str, str]]:
        rows = []
        for n in range(1, NEW_QUESTION_ROWS + 1):
            label = (self.cleaned_data.get(f"question_{n}") or "").strip()
            if label:
                kind = self.cleaned_data.get(f"kind_{n}") or Question.Kind.LONG_TEXT
                rows.append(("Your views", kind, label))
        return rows

    def details(self) -> NewConsultation:
        data = self.cleaned_data
        return NewConsultation(
            title=data["title"],
            summary=data["summary"],
            audience=data["audience"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            review_opens_at=data.get("review_opens_at"),
            review_closes_at=data.get("review_closes_at"),
            survey_source=data["survey_source"],
            template=data.get("template") or "",
            copy_from=data.get("copy_from"),
            questions=self.new_questions() if data["survey_source"] == "new" else [],
            services=list(data["services"]),
            leads=list(data["leads"]),
        )
