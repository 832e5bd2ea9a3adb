"""Admin page: officers copy a survey with its questions (Wagtail's own copy
would leave the questions behind). A per-row action of the Surveys viewset."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from surveys.forms import CopySurveyForm
from surveys.models import Survey
from surveys.services import copy_survey


@permission_required("surveys.add_survey", raise_exception=True)
def copy_survey_view(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    form = CopySurveyForm(
        request.POST or None,
        initial={"title": _("Copy of %(title)s") % {"title": survey.title}},
    )
    if request.method == "POST" and form.is_valid():
        copy = copy_survey(survey=survey, title=form.cleaned_data["title"])
        messages.success(
            request,
            _("Copied “%(title)s” with its questions.") % {"title": survey.title},
        )
        return redirect("wagtailsnippets_surveys_survey:edit", copy.pk)
    return render(
        request, "surveys/admin/copy_survey.html", {"survey": survey, "form": form}
    )
