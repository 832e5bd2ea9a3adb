"""D4: NUL characters never reach a query; addresses holding one get a 400 page."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from consult.edge.middleware import CleanInputMiddleware

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=a%00b",
        "/consultations/?service=a%00b",
        "/respond/done/SB-%00/",
        "/admin/pages/?q=%00",
        "/?page=%00",
    ],
)
def test_a_nul_in_an_address_gets_a_clear_400_page(client, url):
    page = client.get(url)
    assert page.status_code == 400
    assert "This address is not valid" in page.content.decode()


def test_a_nul_in_a_posted_form_is_dropped_and_the_rest_kept():
    seen = {}

    def view(request):
        seen.update({k: request.POST.getlist(k) for k in request.POST})
        return HttpResponse()

    request = RequestFactory().post("/x/", {"a": "one\x00two", "b\x00": ["c", "d"]})
    CleanInputMiddleware(view)(request)
    assert seen == {"a": ["onetwo"], "b": ["c", "d"]}


def test_a_form_without_nul_is_passed_on_untouched():
    request = RequestFactory().post("/x/", {"a": "plain"})
    before = request.POST
    CleanInputMiddleware(lambda r: HttpResponse())(request)
    assert request.POST is before
