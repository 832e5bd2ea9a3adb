"""The Wagtail and Django admins sign in through allauth, never their own forms.

Their login forms would let a password alone in, skipping two-factor
authentication, login throttling messages and e-mail verification.
"""

from urllib.parse import urlencode

from django.contrib.auth import REDIRECT_FIELD_NAME
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def admin_login(request, default_next: str):
    """Send the admin's login URL to allauth's, keeping a safe ``next``."""
    next_url = request.GET.get(REDIRECT_FIELD_NAME, "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = default_next
    query = urlencode({REDIRECT_FIELD_NAME: next_url or default_next})
    return redirect(f"{reverse('account_login')}?{query}")


def wagtail_admin_login(request):
    return admin_login(request, default_next=reverse("wagtailadmin_home"))


def django_admin_login(request):
    return admin_login(request, default_next=reverse("admin:index"))


def frontend_login(request):
    return admin_login(request, default_next="/")
