from django.core.paginator import Paginator
from django.shortcuts import render
from wagtail.models import Locale

from .models import ConsultationPage, OutcomePage
from .translations import localised


def search(request):
    """Search published consultations and outcomes (Wagtail's database backend).

    Results keep to the page's language as the listings do (``localised``):
    under /pl/ a translated page is found in Polish, never also in English.
    """
    query = request.GET.get("q", "").strip()[:200]
    results = []
    if query:
        locale = Locale.get_active()
        results = [
            *localised(ConsultationPage.objects.live().public(), locale).search(query),
            *localised(OutcomePage.objects.live().public(), locale).search(query),
        ]
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "cms/search.html", {"query": query, "results": page})
