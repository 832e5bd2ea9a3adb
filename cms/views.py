from django.core.paginator import Paginator
from django.shortcuts import render

from .models import ConsultationPage, OutcomePage


def search(request):
    """Search published consultations and outcomes (Wagtail's database backend)."""
    query = request.GET.get("q", "").strip()[:200]
    results = []
    if query:
        consultations = ConsultationPage.objects.live().public().search(query)
        outcomes = OutcomePage.objects.live().public().search(query)
        results = [*consultations, *outcomes]
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(request, "cms/search.html", {"query": query, "results": page})
