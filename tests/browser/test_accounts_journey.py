"""Signing in: with a password and two-factor set-up, with an e-mailed code,
creating an account, resetting a password, being locked out. Every page is
checked with axe-core."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from consult.accounts.demo import current_totp_code
from consult.accounts.roles import Role, ensure_roles
from tests.consult.accounts.factories import PASSWORD, user_with_role

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def accounts(site_root):
    cache.clear()
    ensure_roles()  # groups do not survive a transactional test's flush
    yield
    cache.clear()


def _sign_in_form(page, email, password):
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_officer_signs_in_and_sets_up_two_factor(
    accounts, page, live_server, assert_accessible
):
    officer = user_with_role(Role.OFFICER)
    page.goto(live_server.url + "/admin/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page, "sign in")

    page.get_by_role("button", name="Sign in").click()  # nothing typed
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert page.title().startswith("Error: ")
    assert_accessible(page, "sign in with errors")

    _sign_in_form(page, officer.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Set up two-factor authentication"
    )
    assert_accessible(page, "set up two-factor authentication")
    page.get_by_label("Code from the app").fill("000000")
    page.get_by_role("button", name="Turn on two-factor authentication").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page, "set up two-factor authentication, wrong code")
    page.get_by_role("alert").get_by_role("link").click()
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code from the app").fill(current_totp_code(secret))
    page.get_by_role("button", name="Turn on two-factor authentication").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your recovery codes")
    assert_accessible(page, "recovery codes")
    recovery_code = (
        page.get_by_role("list", name="Recovery codes").locator("li").first.inner_text()
    )
    page.goto(live_server.url + "/admin/")
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.goto(live_server.url + "/accounts/logout/")
    assert_accessible(page, "sign out")
    page.get_by_role("button", name="Sign out").click()

    page.goto(live_server.url + "/accounts/login/?next=/admin/")
    _sign_in_form(page, officer.email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app"
    )
    assert_accessible(page, "two-factor code")
    page.get_by_label("Enter the code from your authenticator app").fill(recovery_code)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_respondent_signs_in_with_a_code(
    accounts, page, live_server, assert_accessible
):
    person = user_with_role(None)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_role("link", name="Send me a sign-in code").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Get a sign-in code")
    assert_accessible(page, "request a sign-in code")
    page.get_by_label("E-mail address").fill(person.email)
    page.get_by_role("button", name="Send the code").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_accessible(page, "enter the sign-in code")
    page.get_by_label("Code").fill("WRONG1")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page, "enter the sign-in code, wrong code")
    code = re.search(r"^\s*([A-Z0-9-]{6,12})\s*$", mail.outbox[-1].body, re.M)[1]
    page.get_by_label("Code").fill(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()


def test_staff_member_creates_an_account_and_verifies_it(
    accounts, page, live_server, assert_accessible
):
    page.goto(live_server.url + "/accounts/signup/")
    assert_accessible(page, "create an account")
    page.get_by_label("E-mail address").fill("new.staff@example.org")
    page.get_by_label("Create a password").fill("short")
    page.get_by_label("Type the password again").fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert")).to_contain_text("at least 12 characters")
    assert_accessible(page, "create an account, errors")
    page.get_by_label("Create a password").fill("kettle-harbour-violet-2026")
    page.get_by_label("Type the password again").fill("kettle-harbour-violet-2026")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_accessible(page, "verification sent")

    link = re.search(
        r"http://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[-1].body
    )
    page.goto(link[0].replace("http://testserver", live_server.url))
    assert_accessible(page, "confirm e-mail address")
    page.get_by_role("button", name="Confirm").click()
    page.goto(live_server.url + "/accounts/login/")
    _sign_in_form(page, "new.staff@example.org", "kettle-harbour-violet-2026")
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()


def test_password_reset_and_lockout_pages(
    accounts, page, live_server, assert_accessible, settings
):
    person = user_with_role(None)
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_role("link", name="I have forgotten my password").click()
    assert_accessible(page, "reset your password")
    page.get_by_label("E-mail address").fill(person.email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    assert_accessible(page, "password reset sent")
    link = re.search(
        r"http://[^\s]+/accounts/password/reset/key/[^\s]+/", mail.outbox[-1].body
    )
    page.goto(link[0].replace("http://testserver", live_server.url))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choose a new password")
    assert_accessible(page, "choose a new password")

    settings.AXES_ENABLED = True
    page.goto(live_server.url + "/accounts/login/")
    for _ in range(5):
        _sign_in_form(page, person.email, "wrong-password-000")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You cannot sign in for now"
    )
    assert_accessible(page, "locked out")


def test_account_management_pages(accounts, page, live_server, assert_accessible):
    """The pages allauth renders through our layout and element templates."""
    from tests.consult.accounts.factories import totp_code

    officer = user_with_role(Role.OFFICER, totp=True)
    page.goto(live_server.url + "/accounts/login/")
    _sign_in_form(page, officer.email, PASSWORD)
    page.get_by_label("Enter the code from your authenticator app").fill(totp_code())
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("link", name="Sign out")).to_be_visible()
    for path, label in (
        ("/accounts/email/", "e-mail addresses"),
        ("/accounts/password/change/", "change password"),
        ("/accounts/2fa/", "two-factor overview"),
        ("/accounts/2fa/totp/deactivate/", "turn off two-factor"),
        ("/accounts/reauthenticate/", "confirm your password"),
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_accessible(page, label)
    page.goto(live_server.url + "/django-admin/")  # officers are not is_staff
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You cannot see this page"
    )
    assert_accessible(page, "refusal (403)")
    page.goto(live_server.url + "/accounts/password/change/")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page, "change password, errors")
