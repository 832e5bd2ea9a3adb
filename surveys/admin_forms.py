"""The survey editor's form: show-if offers only this survey's own questions,
labelled with their section so that questions with the same wording differ.

Questions not saved yet cannot be offered (a show-if link needs the question's
row): save the survey once, then set the condition.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
)

from .models import Question


def question_label(question: Question) -> str:
    return f"{question.section}: {question.label}"


class SurveyAdminForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("questions")
        if formset is None:
            return
        own = (
            Question.objects.filter(survey=self.instance).order_by("sort_order")
            if self.instance.pk
            else Question.objects.none()
        )

        def restrict(form):
            field = form.fields.get("show_if_question")
            if field is not None:
                field.queryset = own
                field.label_from_instance = question_label

        for form in formset.forms:
            restrict(form)

        class OwnQuestionsForm(formset.form):
            # The "add question" template is built from a new form each time.
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                restrict(self)

        formset.form = OwnQuestionsForm


def _where_used(survey) -> str:
    rounds = [str(r) for r in survey.rounds.all()]
    return "; ".join(rounds) or str(_("Not used yet"))


class _SurveyColumns:
    """The chooser's columns: title, questions, where used, last changed.

    Only for those who may see surveys: "where used" names consultations, which
    a project lead may see only when they lead them.
    """

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("surveys.view_survey"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @property
    def columns(self):
        return [
            *super().columns,
            Column(
                "questions",
                label=_("Questions"),
                accessor=lambda s: s.questions.count(),
            ),
            Column("used", label=_("Used by"), accessor=_where_used),
            Column("updated_at", label=_("Last changed")),
        ]

    def get_object_list(self):
        return super().get_object_list().prefetch_related("rounds__consultation")


class SurveyChooseView(_SurveyColumns, ChooseView):
    pass


class SurveyChooseResultsView(_SurveyColumns, ChooseResultsView):
    pass


class SurveyChooserViewSet(SnippetChooserViewSet):
    choose_view_class = SurveyChooseView
    choose_results_view_class = SurveyChooseResultsView
