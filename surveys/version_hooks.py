"""Admin: a survey's other versions (young people's, easy read, languages)."""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_forms import question_label
from .models import Question, SurveyVersion


class SurveyVersionForm(WagtailAdminModelForm):
    """Each wording picks one of this version's survey's questions (after the
    first save, when the survey is known)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        formset = self.formsets.get("wordings")
        if formset is None or not self.instance.survey_id:
            return
        own = Question.objects.filter(survey=self.instance.survey_id).order_by(
            "sort_order"
        )

        def restrict(form):
            field = form.fields.get("question")
            if field is not None:
                field.queryset = own
                field.label_from_instance = question_label

        for form in formset.forms:
            restrict(form)

        class OwnQuestions(formset.form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                restrict(self)

        formset.form = OwnQuestions


class SurveyVersionViewSet(SnippetViewSet):
    model = SurveyVersion
    icon = "globe"
    menu_label = "Survey versions"
    menu_order = 156
    add_to_admin_menu = True
    list_display = ["survey", "name", "variant", "updated_at"]
    search_fields = ["name", "title"]
    edit_handler = ObjectList(
        [
            FieldPanel("survey"),
            FieldPanel("variant"),
            FieldPanel("name"),
            FieldPanel("title"),
            FieldPanel("introduction"),
            FieldPanel("note"),
            InlinePanel(
                "wordings", label="Question", heading="Questions in this version"
            ),
        ],
        base_form_class=SurveyVersionForm,
    )


register_snippet(SurveyVersionViewSet)
