"""The optional equalities monitoring page, between the questions and the check."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from surveys import services
from surveys.equalities import EqualitiesForm

from .common import check_page, refusal, round_and_draft


@require_http_methods(["GET", "POST"])
def equalities(request, round_id):
    """The optional equalities monitoring questions, with why we ask."""
    round_, draft = round_and_draft(request, round_id)
    if refused := refusal(request, round_):
        return refused
    if draft is None or not round_.survey.include_equalities:
        return redirect("surveys:start", round_id=round_.pk)
    form = EqualitiesForm(
        request.POST if request.method == "POST" else None, initial=draft.equalities
    )
    if request.method == "POST" and (request.POST.get("skip") or form.is_valid()):
        answers = (
            {}
            if request.POST.get("skip")
            else {k: v for k, v in form.cleaned_data.items() if v}
        )
        services.save_equalities(draft=draft, answers=answers)
        return check_page(request, round_, draft)  # as from the last section
    return render(
        request,
        "surveys/equalities.html",
        {
            "round": round_,
            "form": form,
            "fields": list(form),
        },
    )
