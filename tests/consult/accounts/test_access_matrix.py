"""Access matrix: every URL of the site and the admins, for six kinds of person.

Each cell is the answer one request gets: a status code, ``LOGIN`` (a redirect
to a sign-in page) or ``REDIRECT`` (any other redirect). A failing cell names
the URL, the person, what was expected and what came back.

- Our own URLs (``consult.*``, ``surveys``, ``cms`` and the project URLconf)
  are listed one by one in ``OWN``; a new one that is not listed fails
  ``test_every_own_url_is_in_the_matrix`` until someone classifies it.
- The Wagtail admin (``/admin/``) and the Django admin (``/django-admin/``)
  are classified by prefix, every one of their URLs requested: anonymous
  visitors are sent to sign in; respondents, staff and service managers get
  403. ``ADMIN`` checks a representative set of admin pages for every role.
- allauth (``/accounts/``) is checked page by page in ``ACCOUNTS``.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from cms.demo_translation import add_polish_translation
from consult.accounts.roles import Role
from surveys.models import Consultation, Draft, Response, ResponseImport
from surveys.tokens import new_token
from tests.cms.factories import ConsultationFactory, add_consultation_page
from tests.conftest import with_totp
from tests.consult.accounts.access_matrix import example_path, walk
from tests.consult.accounts.factories import UserFactory
from tests.surveys.factories import survey_round

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "respondent", "staff", "manager", "lead", "officer")
LOGIN = "302 to sign in"
REDIRECT = "302"
LOGIN_PREFIXES = ("/accounts/login/", "/admin/login/", "/django-admin/login/")


def row(*cells) -> dict:
    """Expected answers in ROLES order; one value means the same for everyone."""
    if len(cells) == 1:
        cells = cells * len(ROLES)
    assert len(cells) == len(ROLES)
    return dict(zip(ROLES, cells, strict=True))


@dataclass(frozen=True)
class Case:
    url: str  # URL name (or route, for unnamed ones)
    expected: dict
    args: str = ""  # a key of the ``world`` fixture's path arguments
    path: str = ""  # a literal path, when not reversing a name
    method: str = "get"
    # Reversed in this language: its pages live under its prefix (/pl/...).
    language: str = ""
    # Cells known to leak, each with why: they must fail (strict xfail).
    known_leaks: dict = field(default_factory=dict)


# --- Our own URLs ----------------------------------------------------------
DENY_BUT_OFFICER = row(403, 403, 403, 403, 403, 200)
OWN = [
    Case("health", row(200)),
    # staff_member_required: only is_staff accounts (superusers) get in; the
    # rest go to the Django admin's login, which then answers 403.
    Case("health-worker", row(LOGIN)),
    Case("search", row(200)),
    Case("privacy", row(200)),
    Case("accessibility", row(200)),
    # The admins' (and Wagtail's private pages') logins: redirects to allauth.
    # Signed in without access to that admin: 403 (no loop back to sign-in).
    Case("admin/login/", row(LOGIN, 403, 403, 403, LOGIN, LOGIN), path="/admin/login/"),
    Case(
        "django-admin/login/",
        row(LOGIN, 403, 403, 403, 403, 403),
        path="/django-admin/login/",
    ),
    Case("_util/login/", row(LOGIN), path="/_util/login/"),
    Case("surveys:start", row(200), args="public round"),
    # Staff consultations: council staff only (anyone with a role).
    Case("surveys:start", row(LOGIN, 403, 200, 200, 200, 200), args="staff round"),
    Case("surveys:start", row(403), args="targeted round"),
    Case("surveys:start", row(410), args="closed round"),
    Case("surveys:start", row(404), args="no round"),
    # The first question is open to anyone who may respond ("Start now" links
    # to it); a draft is made only when it is sent. Later pages, the check page
    # and save need a draft: back to the start page, nothing shown.
    Case("surveys:section", row(200), args="public section"),
    Case("surveys:section", row(REDIRECT), args="public section 2"),
    Case("surveys:equalities", row(REDIRECT), args="public round"),
    Case("surveys:check", row(REDIRECT), args="public round"),
    Case("surveys:save", row(REDIRECT), args="public round"),
    Case("surveys:section", row(403), args="targeted section"),
    # The same pages in another language (/pl/respond/...): the same answers.
    Case("surveys:start", row(200), args="public round", language="pl"),
    Case("surveys:section", row(200), args="public section", language="pl"),
    Case("surveys:check", row(REDIRECT), args="public round", language="pl"),
    Case("surveys:start", row(403), args="targeted round", language="pl"),
    Case("surveys:start", row(410), args="closed round", language="pl"),
    Case("surveys:export", DENY_BUT_OFFICER, args="export csv", language="pl"),
    # Only the browser that sent the response sees its confirmation.
    Case("surveys:confirmation", row(404), args="reference"),
    # Personal links: the link is the key, whoever holds it.
    Case("surveys:resume", row(REDIRECT), args="resume token"),
    Case("surveys:resume", row(404), args="bad token"),
    Case("surveys:manage", row(200), args="manage token"),
    Case("surveys:manage", row(404), args="bad token"),
    # Another browser's response: the reference alone opens nothing.
    Case("surveys:manage_here", row(404), args="reference"),
    # Reference and e-mail: a new link by e-mail (same answer match or not).
    Case("surveys:find_response", row(200)),
    Case("surveys:export", DENY_BUT_OFFICER, args="export csv"),
    Case("surveys:export", DENY_BUT_OFFICER, args="export xlsx"),
    # Admin views hung off our apps' viewsets. Wagtail answers a
    # permission refusal inside its admin with a redirect to the dashboard.
    Case("response_exports:index", row(LOGIN, 403, 403, 403, REDIRECT, 200)),
    # The surveys listing (its rows offer "Copy with questions").
    Case(
        "wagtailsnippets_surveys_survey:list", row(LOGIN, 403, 403, 403, REDIRECT, 200)
    ),
    Case(
        "wagtailsnippets_surveys_survey:list_results",
        row(LOGIN, 403, 403, 403, REDIRECT, 200),
    ),
    Case(
        "wagtailsnippets_surveys_survey:copy_with_questions",
        row(LOGIN, 403, 403, 403, REDIRECT, 200),
        args="survey pk",
    ),
    # Assisted responses: staff, service managers and officers help families.
    Case("surveys:assist", row(LOGIN, 403, 200, 200, 403, 200)),
    Case(
        "surveys:assist_start", row(LOGIN, 403, 200, 200, 403, 200), args="public round"
    ),
    # Response imports: officers (surveys.import_responses) only.
    Case("response_imports:index", row(LOGIN, 403, 403, 403, 403, 200)),
    Case(
        "response_imports:mapping", row(LOGIN, 403, 403, 403, 403, 200), args="import"
    ),
    Case("response_imports:report", row(LOGIN, 403, 403, 403, 403, 200), args="import"),
    # Nominations: service managers for the services they manage; officers all.
    Case("audiences:index", row(LOGIN, 403, 403, 200, 403, 200)),
    Case("audiences:template", row(LOGIN, 403, 403, 200, 403, 200)),
    Case(
        "audiences:nominations",
        row(LOGIN, 403, 403, 200, 403, 200),
        args="managed consultation",
    ),
    Case(
        "audiences:nominations",
        row(LOGIN, 403, 403, 404, 403, 200),
        args="unmanaged consultation",
    ),
    Case(
        "audiences:add",
        row(LOGIN, 403, 403, 200, 403, 200),
        args="managed consultation",
    ),
    Case(
        "audiences:add",
        row(LOGIN, 403, 403, 404, 403, 200),
        args="unmanaged consultation",
    ),
    Case(
        "audiences:upload",
        row(LOGIN, 403, 403, 200, 403, 200),
        args="managed consultation",
    ),
    # Sending now is a POST, for officers.
    Case(
        "audiences:send",
        row(LOGIN, 405, 405, 405, 405, 405),
        args="managed consultation",
    ),
    Case(
        "audiences:send",
        row(LOGIN, 403, 403, 403, 403, REDIRECT),
        args="managed consultation",
        method="post",
    ),
    Case("audiences:erase", row(LOGIN, 403, 403, 200, 403, 200), args="nomination"),
    # Correcting a bounced address: nothing bounced here, so back to the list.
    Case(
        "audiences:correct",
        row(LOGIN, 403, 403, REDIRECT, 403, REDIRECT),
        args="nomination",
    ),
    # Helping a nominee respond: those who may assist and see the nomination.
    Case("audiences:assist", row(LOGIN, 404, 404, 200, 404, 200), args="nomination"),
    # A personal link is the key, whoever holds it; a wrong one is "not found".
    Case("audiences:invitation", row(404), args="bad token"),
    Case("audiences:invitation", row(REDIRECT), args="invitation token"),
    # Candidate themes: officers, and leads on the consultations they lead.
    Case(
        "analysis_candidates", row(LOGIN, 403, 403, 403, 200, 200), args="led analysis"
    ),
    Case(
        "analysis_candidates",
        row(LOGIN, 403, 403, 403, 404, 200),
        args="other analysis",
    ),
    Case(
        "analysis_candidates_refresh",
        row(LOGIN, 403, 403, 403, 405, 405),
        args="led analysis",
    ),
    Case(
        "analysis_candidate_rename",
        row(LOGIN, 403, 403, 403, 200, 200),
        args="led candidate",
    ),
    Case(
        "analysis_candidate_rename",
        row(LOGIN, 403, 403, 403, 404, 200),
        args="other candidate",
    ),
    Case(
        "analysis_candidate_merge",
        row(LOGIN, 403, 403, 403, 200, 200),
        args="led candidate",
    ),
    Case(
        "analysis_candidate_accept",
        row(LOGIN, 403, 403, 403, 405, 405),
        args="led candidate",
    ),
    Case(
        "analysis_candidate_dismiss",
        row(LOGIN, 403, 403, 403, 404, REDIRECT),
        args="other candidate",
        method="post",
    ),
    # The admin's list of nominations: officers (read only).
    Case("nominations:index", row(LOGIN, 403, 403, 403, REDIRECT, 200)),
    Case("nominations:index_results", row(LOGIN, 403, 403, 403, REDIRECT, 200)),
    # Subject rights (find, download, erase one person's data): officers
    # only; every step a POST (nothing posted here: 400, the form again).
    Case("subject_rights:index", row(LOGIN, 403, 403, 403, REDIRECT, 200)),
    Case(
        "subject_rights:index",
        row(LOGIN, 403, 403, 403, REDIRECT, 400),
        method="post",
    ),
    Case("subject_rights:export", row(LOGIN, 403, 403, 403, 405, 405)),
    Case(
        "subject_rights:export",
        row(LOGIN, 403, 403, 403, REDIRECT, 400),
        method="post",
    ),
    Case("subject_rights:erase", row(LOGIN, 403, 403, 403, 405, 405)),
    Case(
        "subject_rights:erase",
        row(LOGIN, 403, 403, 403, REDIRECT, 400),
        method="post",
    ),
    # The audit log (read only): officers, not project leads.
    Case("audit_log:index", row(LOGIN, 403, 403, 403, REDIRECT, 200)),
    Case("audit_log:index_results", row(LOGIN, 403, 403, 403, REDIRECT, 200)),
    # Review periods: officers open them in the admin (Wagtail sends a lead
    # back to the dashboard with a message).
    Case("review_periods:index", row(LOGIN, 403, 403, 403, REDIRECT, 200)),
    Case(
        "review_periods:open",
        row(LOGIN, 403, 403, 403, REDIRECT, 200),
        args="closed consultation",
    ),
    # One-pass publishing (cms.publishing): officers only.
    Case("cms_new_consultation", row(LOGIN, 403, 403, 403, REDIRECT, 200)),
    # The survey chooser: for those who may edit (it names consultations);
    # project leads get 403 like every chooser (least privilege).
    Case(
        "wagtailsnippetchoosers_surveys_survey:choose",
        row(LOGIN, 403, 403, 403, 403, 200),
    ),
    Case(
        "wagtailsnippetchoosers_surveys_survey:choose_results",
        row(LOGIN, 403, 403, 403, 403, 200),
    ),
    # Reports: officers, and the consultation's own project leads; to anyone
    # else a consultation they may not read does not exist.
    Case("reports:compare", row(LOGIN, 404, 404, 404, 200, 200), args="led analysis"),
    Case("reports:compare", row(LOGIN, 404, 404, 404, 404, 200), args="other analysis"),
    Case(
        "reports:compare_csv", row(LOGIN, 404, 404, 404, 200, 200), args="led analysis"
    ),
    Case(
        "reports:compare_csv",
        row(LOGIN, 404, 404, 404, 404, 200),
        args="other analysis",
    ),
    # The Analysis menu's listings. Codebooks: officers. The history of tag
    # decisions and codebook changes: officers, and leads (their rows only).
    Case(
        "wagtailsnippets_analysis_codebook:list",
        row(LOGIN, 403, 403, 403, REDIRECT, 200),
    ),
    Case(
        "wagtailsnippets_analysis_codebook:list_results",
        row(LOGIN, 403, 403, 403, REDIRECT, 200),
    ),
    Case("tag_decisions:index", row(LOGIN, 403, 403, 403, 200, 200)),
    Case("tag_decisions:index_results", row(LOGIN, 403, 403, 403, 200, 200)),
    Case("codebook_changes:index", row(LOGIN, 403, 403, 403, 200, 200)),
    Case("codebook_changes:index_results", row(LOGIN, 403, 403, 403, 200, 200)),
    # The themed report, its theme pages and downloads: the same rule.
    Case("reports:index", row(LOGIN, 404, 404, 404, 200, 200)),
    Case("reports:report", row(LOGIN, 404, 404, 404, 200, 200), args="led analysis"),
    Case("reports:report", row(LOGIN, 404, 404, 404, 404, 200), args="other analysis"),
    Case("reports:theme", row(LOGIN, 404, 404, 404, 200, 200), args="led report theme"),
    Case(
        "reports:theme", row(LOGIN, 404, 404, 404, 404, 200), args="other report theme"
    ),
    Case("reports:pdf", row(LOGIN, 404, 404, 404, 200, 200), args="led analysis"),
    Case("reports:pdf", row(LOGIN, 404, 404, 404, 404, 200), args="other analysis"),
    Case("reports:xlsx", row(LOGIN, 404, 404, 404, 200, 200), args="led analysis"),
    Case("reports:xlsx", row(LOGIN, 404, 404, 404, 404, 200), args="other analysis"),
    # A large report's PDF, made by a task: its progress page and the file.
    Case("reports:pdf_status", row(LOGIN, 404, 404, 404, 200, 200), args="led pdf"),
    Case("reports:pdf_status", row(LOGIN, 404, 404, 404, 404, 200), args="other pdf"),
    Case("reports:pdf_download", row(LOGIN, 404, 404, 404, 200, 200), args="led pdf"),
    Case("reports:pdf_download", row(LOGIN, 404, 404, 404, 404, 200), args="other pdf"),
    # Confirming or rejecting a tag from the report: a POST.
    Case("reports:decide", row(LOGIN, 405, 405, 405, 405, 405), args="led report tag"),
    Case(
        "reports:decide",
        row(LOGIN, 404, 404, 404, REDIRECT, REDIRECT),
        args="led report tag",
        method="post",
    ),
    Case(
        "reports:decide",
        row(LOGIN, 404, 404, 404, 404, REDIRECT),
        args="other report tag",
        method="post",
    ),
    # Drafting the outcome page from the report (cms): officers, by POST.
    Case("cms_draft_outcome", row(LOGIN, 403, 403, 403, 405, 405), args="led analysis"),
    # (Wagtail sends a lead back to the dashboard with a message.)
    Case(
        "cms_draft_outcome",
        row(LOGIN, 403, 403, 403, REDIRECT, REDIRECT),
        args="led analysis",
        method="post",
    ),
    Case(
        "reports:equalities:evidence",
        row(LOGIN, 404, 404, 404, 200, 200),
        args="led analysis",
    ),
    Case(
        "reports:equalities:evidence",
        row(LOGIN, 404, 404, 404, 404, 200),
        args="other analysis",
    ),
    # The equality impact assessment: read like reports; officers change it.
    Case(
        "reports:equalities:assessment",
        row(LOGIN, 404, 404, 404, 200, 200),
        args="led analysis",
    ),
    Case(
        "reports:equalities:assessment",
        row(LOGIN, 404, 404, 404, 404, 200),
        args="other analysis",
    ),
    Case(
        "reports:equalities:assessment_edit",
        row(LOGIN, 404, 404, 404, 403, 200),
        args="led analysis",
    ),
    Case(
        "reports:equalities:assessment_submit",
        row(LOGIN, 404, 404, 404, 403, 200),
        args="led analysis",
    ),
    Case(
        "reports:equalities:assessment_versions",
        row(LOGIN, 404, 404, 404, 200, 200),
        args="led analysis",
    ),
    Case(
        "reports:equalities:assessment_version",
        row(LOGIN, 404, 404, 404, 200, 200),
        args="led assessment",
    ),
    Case(
        "reports:equalities:assessment_export",
        row(LOGIN, 404, 404, 404, 200, 200),
        args="led assessment pdf",
    ),
    # Public only once submitted and the outcome is published: not yet here.
    Case("reports:equalities:assessment_published", row(404), args="led assessment"),
    # Population profiles (admin): officers only.
    Case("equality_population", row(LOGIN, 403, 403, 403, REDIRECT, 200)),
    Case("equality_population_import", row(LOGIN, 403, 403, 403, REDIRECT, 200)),
    # Analysis: officers; project leads only for the consultations they lead.
    Case("analysis_index", row(LOGIN, 403, 403, 403, 200, 200)),
    Case(
        "analysis_consultation",
        row(LOGIN, 403, 403, 403, 200, 200),
        args="led analysis",
    ),
    Case(
        "analysis_consultation",
        row(LOGIN, 403, 403, 403, 404, 200),
        args="other analysis",
    ),
    Case(
        "analysis_run",
        row(LOGIN, 403, 403, 403, 405, 405),
        args="led analysis",
    ),
    Case(
        "analysis_run",
        row(LOGIN, 403, 403, 403, REDIRECT, REDIRECT),
        args="led analysis",
        method="post",
    ),
    Case("analysis_cancel", row(LOGIN, 403, 403, 403, 405, 405), args="led analysis"),
    Case("analysis_resume", row(LOGIN, 403, 403, 403, 405, 405), args="led analysis"),
    Case("analysis_measure", row(LOGIN, 403, 403, 403, 405, 405), args="led analysis"),
    Case("analysis_theme", row(LOGIN, 403, 403, 403, 200, 200), args="led theme"),
    Case("analysis_theme", row(LOGIN, 403, 403, 403, 404, 200), args="other theme"),
    Case(
        "analysis_import", row(LOGIN, 403, 403, 403, REDIRECT, 200), args="led analysis"
    ),
    Case(
        "analysis_export", row(LOGIN, 403, 403, 403, 200, 200), args="led codebook csv"
    ),
    Case(
        "analysis_export",
        row(LOGIN, 403, 403, 403, 404, 200),
        args="other codebook csv",
    ),
    Case("analysis_decide", row(LOGIN, 403, 403, 403, 405, 405), args="led tag"),
    Case(
        "analysis_decide",
        row(LOGIN, 403, 403, 403, REDIRECT, REDIRECT),
        args="led tag",
        method="post",
    ),
    Case(
        "analysis_decide",
        row(LOGIN, 403, 403, 403, 404, REDIRECT),
        args="other tag",
        method="post",
    ),
]

# --- Public pages, served by Wagtail ------------------------------------------
PAGES = [
    Case("wagtail_serve", row(200), path="/"),
    Case("wagtail_serve", row(200), path="/consultations/"),
    Case("wagtail_serve", row(200), path="/consultations/led-consultation/"),
    Case("wagtail_serve", row(404), path="/no-such-page/"),
    # Pages in another language: a translation where there is one, else the
    # default language's page; the language's prefix never opens anything else.
    Case("wagtail_serve", row(200), path="/pl/"),
    Case("wagtail_serve", row(200), path="/pl/consultations/led-consultation/"),
    Case("wagtail_serve", row(404), path="/pl/no-such-page/"),
    Case("wagtail_serve", row(404), path="/xx/consultations/"),
    Case("wagtail_serve", row(404), path="/pl/admin/"),
]

# --- The Wagtail and Django admins: representative pages --------------------
NO_ADMIN = (LOGIN, 403, 403, 403)
ADMIN = [
    Case("wagtailadmin_home", row(*NO_ADMIN, 200, 200)),
    Case("wagtailadmin_explore_root", row(*NO_ADMIN, REDIRECT, 200)),
    Case("wagtailadmin_explore", row(*NO_ADMIN, REDIRECT, 200), args="home page"),
    Case("wagtailadmin_pages:edit", row(*NO_ADMIN, REDIRECT, 200), args="led page"),
    Case("wagtailadmin_pages:edit", row(*NO_ADMIN, REDIRECT, 200), args="other page"),
    Case("wagtailsnippets_surveys_consultation:list", row(*NO_ADMIN, REDIRECT, 200)),
    # A lead sees neither their own consultation's record nor another lead's.
    Case(
        "wagtailsnippets_surveys_consultation:edit",
        row(*NO_ADMIN, REDIRECT, 200),
        args="led consultation",
    ),
    Case(
        "wagtailsnippets_surveys_consultation:edit",
        row(*NO_ADMIN, REDIRECT, 200),
        args="other consultation",
    ),
    # Nominations: nobody adds or edits them in the admin (the public site).
    Case("nominations:add", row(*NO_ADMIN, REDIRECT, REDIRECT)),
    Case("wagtailimages:index", row(*NO_ADMIN, REDIRECT, 200)),
    Case("wagtaildocs:index", row(*NO_ADMIN, REDIRECT, 200)),
    # Users and roles: superusers only.
    Case("wagtailusers_users:index", row(*NO_ADMIN, REDIRECT, REDIRECT)),
    Case("wagtailusers_groups:index", row(*NO_ADMIN, REDIRECT, REDIRECT)),
    Case("role_changes:index", row(*NO_ADMIN, REDIRECT, REDIRECT)),
    # The audit log is written by the platform: nobody adds or edits entries.
    Case("audit_log:add", row(*NO_ADMIN, REDIRECT, REDIRECT)),
    # History is read, never edited, in the admin.
    Case("tag_decisions:add", row(*NO_ADMIN, REDIRECT, REDIRECT)),
    Case("codebook_changes:add", row(*NO_ADMIN, REDIRECT, REDIRECT)),
    Case("wagtailadmin_account", row(*NO_ADMIN, 200, 200)),
    # Choosers list every title: for people who edit, not project leads.
    Case("wagtailadmin_choose_page", row(*NO_ADMIN, 403, 200)),
    Case("wagtailadmin_choose_page_search", row(*NO_ADMIN, 403, 200)),
    Case(
        "wagtailsnippetchoosers_surveys_consultation:choose", row(*NO_ADMIN, 403, 200)
    ),
    Case("wagtailsnippetchoosers_surveys_survey:choose", row(*NO_ADMIN, 403, 200)),
    Case("wagtailimages_chooser:choose", row(*NO_ADMIN, 403, 200)),
    Case("wagtaildocs_chooser:choose", row(*NO_ADMIN, 403, 200)),
    # Nobody in these roles is_staff: the Django admin is for superusers.
    Case("admin:index", row(LOGIN, 403, 403, 403, 403, 403)),
    Case("admin:accounts_user_changelist", row(LOGIN, 403, 403, 403, 403, 403)),
]

# --- allauth -----------------------------------------------------------------
SIGNED_IN_AWAY = (REDIRECT,) * 5  # signed in: sent on, no sign-in form
ACCOUNTS = [
    Case("account_login", row(200, *SIGNED_IN_AWAY)),
    Case("account_signup", row(200, *SIGNED_IN_AWAY)),
    Case("account_request_login_code", row(200, *SIGNED_IN_AWAY)),
    Case("account_confirm_login_code", row(LOGIN, *SIGNED_IN_AWAY)),
    Case("account_reset_password", row(200)),
    Case("account_logout", row(REDIRECT, 200, 200, 200, 200, 200)),
    Case("account_email", row(LOGIN, 200, 200, 200, 200, 200)),
    Case("account_change_password", row(LOGIN, 200, 200, 200, 200, 200)),
    Case("mfa_index", row(LOGIN, 200, 200, 200, 200, 200)),
    Case("mfa_authenticate", row(LOGIN, *SIGNED_IN_AWAY)),
    Case(
        "mfa_activate_totp",
        row(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    ),
    # None generated yet for these people.
    Case("mfa_view_recovery_codes", row(LOGIN, 404, 404, 404, 404, 404)),
]


# --- People and objects -------------------------------------------------------
@pytest.fixture
def world(site_root):
    """The six people, and objects whose ids the URLs take, by argument set."""
    people = {"anonymous": None}
    for key, role in (
        ("respondent", None),
        ("staff", Role.STAFF),
        ("manager", Role.SERVICE_MANAGER),
        ("lead", Role.PROJECT_LEAD),
        ("officer", Role.OFFICER),
    ):
        user = UserFactory(email=f"{key}@example.org")
        if role:
            user.groups.add(Group.objects.get(name=role))
        if role in Role.REQUIRE_MFA:
            with_totp(user)
        people[key] = user
    other_lead = UserFactory(email="other.lead@example.org")
    other_lead.groups.add(Group.objects.get(name=Role.PROJECT_LEAD))

    public, _ = survey_round()
    staff_round, _ = survey_round(
        consultation=ConsultationFactory(audience=Consultation.Audience.STAFF)
    )
    targeted, _ = survey_round(
        consultation=ConsultationFactory(audience=Consultation.Audience.TARGETED)
    )
    closed, _ = survey_round(
        opens_at=timezone.now() - timedelta(days=30),
        closes_at=timezone.now() - timedelta(days=1),
    )
    led = public.consultation
    led.leads.add(people["lead"])
    other = ConsultationFactory()
    other.leads.add(other_lead)
    led_page = add_consultation_page(
        site_root, title="Led consultation", slug="led-consultation", consultation=led
    )
    other_page = add_consultation_page(
        site_root, title="Other consultation", consultation=other
    )
    add_polish_translation(led_page)  # served at /pl/consultations/led-consultation/

    args = {
        **_audiences_args(people, led),
        **_analysis_args(led, other),
        **_equalities_args(led, people["officer"]),
    }
    resume_token, resume_hash = new_token()
    Draft.objects.create(round=public, resume_token_hash=resume_hash)
    manage_token, manage_hash = new_token()
    response = Response.objects.create(
        round=public, reference="SB-MATRIX1", manage_token_hash=manage_hash
    )
    args |= {
        "": {},
        "public round": {"round_id": public.pk},
        "staff round": {"round_id": staff_round.pk},
        "targeted round": {"round_id": targeted.pk},
        "closed round": {"round_id": closed.pk},
        "closed consultation": {"consultation_id": closed.consultation_id},
        "no round": {"round_id": "00000000-0000-0000-0000-000000000000"},
        "public section": {"round_id": public.pk, "number": 1},
        "public section 2": {"round_id": public.pk, "number": 2},
        "targeted section": {"round_id": targeted.pk, "number": 1},
        "reference": {"reference": response.reference},
        "resume token": {"token": resume_token},
        "manage token": {"token": manage_token},
        "bad token": {"token": "not-a-real-token"},
        "export csv": {"round_id": public.pk, "fmt": "csv"},
        "export xlsx": {"round_id": public.pk, "fmt": "xlsx"},
        "survey pk": {"pk": public.survey.pk},
        "home page": {"parent_page_id": site_root.get_parent().pk},
        "led page": {"page_id": led_page.pk},
        "other page": {"page_id": other_page.pk},
        "led consultation": {"pk": led.pk},
        "other consultation": {"pk": other.pk},
    }
    args["import"] = {
        "pk": ResponseImport.objects.create(
            round=public, file_name="paper.csv", file_format="csv", columns=["a"]
        ).pk
    }
    return people, args


def _audiences_args(people, led) -> dict:
    from consult.audiences.models import Invitation
    from tests.consult.audiences.factories import NominationFactory, ServiceFactory

    mine, theirs = ServiceFactory(), ServiceFactory()
    mine.managers.add(people["manager"])
    managed, _ = survey_round(
        consultation=ConsultationFactory(audience=Consultation.Audience.TARGETED)
    )
    managed.consultation.services.add(mine)
    unmanaged, _ = survey_round(
        consultation=ConsultationFactory(audience=Consultation.Audience.TARGETED)
    )
    unmanaged.consultation.services.add(theirs)
    nomination = NominationFactory(consultation=managed.consultation, service=mine)
    token, token_hash = new_token()
    Invitation.objects.create(
        nomination=nomination,
        round=managed,
        expires_at=managed.closes_at,
        token_hash=token_hash,
        sent_at=timezone.now(),
    )
    return {
        "managed consultation": {"consultation_id": managed.consultation_id},
        "unmanaged consultation": {"consultation_id": unmanaged.consultation_id},
        "nomination": {"nomination_id": nomination.pk},
        "invitation token": {"token": token},
    }


def _analysis_args(led, other) -> dict:
    from consult.analysis.candidates import CandidateTheme
    from consult.analysis.models import ThemeAssignment
    from consult.reports.models import PdfExport
    from tests.consult.analysis.factories import add_answers, codebook_for

    args = {}
    for key, consultation in (("led", led), ("other", other)):
        codebook = codebook_for(consultation)
        theme = codebook.themes.first()
        round_ = consultation.main_round or survey_round(consultation=consultation)[0]
        views = round_.survey.questions.filter(kind="long_text").first()
        answer = add_answers(round_, views, ["The bus to one site is too far"])[0]
        tag = ThemeAssignment.objects.create(
            answer=answer, theme=theme, consultation=consultation, score=1.0
        )
        args |= {
            f"{key} analysis": {"consultation_id": consultation.pk},
            f"{key} theme": {"consultation_id": consultation.pk, "theme_id": theme.pk},
            f"{key} codebook csv": {"consultation_id": consultation.pk, "fmt": "csv"},
            f"{key} tag": {"assignment_id": tag.pk},
            f"{key} pdf": {
                "consultation_id": consultation.pk,
                "export_id": PdfExport.objects.create(
                    consultation=consultation, status="done", content=b"%PDF-1.7"
                ).pk,
            },
            f"{key} report theme": {
                "consultation_id": consultation.pk,
                "theme_key": theme.key,
            },
            f"{key} report tag": {
                "consultation_id": consultation.pk,
                "assignment_id": tag.pk,
            },
            f"{key} candidate": {
                "consultation_id": consultation.pk,
                "candidate_id": CandidateTheme.objects.create(
                    consultation=consultation, origin="car park", label="Parking"
                ).pk,
            },
        }
    return args


def _equalities_args(led, officer) -> dict:
    from consult.reports.equalities.assessment import blank_content, save_version

    version = save_version(consultation=led, content=blank_content(), user=officer)
    one = {"consultation_id": led.pk, "number": version.number}
    return {"led assessment": one, "led assessment pdf": one | {"fmt": "pdf"}}


def _answer(response) -> str | int:
    if response.status_code == 302:
        if response["Location"].startswith(LOGIN_PREFIXES):
            return LOGIN
        return REDIRECT
    return response.status_code


def _cells(client, case: Case, people, args) -> list[tuple[str, str, str]]:
    """(role, expected, got) for every cell of one row that does not match."""
    from django.urls import reverse

    with translation.override(case.language or settings.LANGUAGE_CODE):
        path = case.path or reverse(case.url, kwargs=args[case.args])
    wrong = []
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        got = _answer(getattr(client, case.method)(path))
        if got != case.expected[role]:
            wrong.append((role, f"{path} ({case.url})", case.expected[role], got))
    return wrong


def _check_table(client, world, cases):
    """Check every cell; fail listing each one that is wrong."""
    people, args = world
    failures = []
    for case in cases:
        for role, where, expected, got in _cells(client, case, people, args):
            if role not in case.known_leaks:
                failures.append(f"{where} as {role}: expected {expected}, got {got}")
    assert not failures, "\n".join(failures)


def test_every_own_url_is_in_the_matrix():
    own = {route.key for route in walk() if route.own}
    listed = {case.url for case in OWN}
    assert own - listed == set(), "URLs of ours not in the access matrix: classify them"
    assert listed - own == set(), "the access matrix lists URLs that no longer exist"


def test_own_urls(client, world):
    _check_table(client, world, OWN)


def test_public_pages(client, world):
    _check_table(client, world, PAGES)


def test_admin_pages(client, world):
    _check_table(client, world, ADMIN)


def test_account_pages(client, world):
    _check_table(client, world, ACCOUNTS)


KNOWN_LEAKS = [case for case in OWN if case.known_leaks]


@pytest.mark.parametrize(
    "case",
    [
        pytest.param(c, marks=pytest.mark.xfail(strict=True, reason=str(c.known_leaks)))
        for c in KNOWN_LEAKS
    ],
    ids=lambda c: f"{c.url}[{c.args}]",
)
def test_known_leaks_still_leak(client, world, case):
    """Listed leaks fail here (xfail); once fixed this passes and strict xfail
    fails the run, so the matrix gets updated."""
    people, args = world
    wrong = {role for role, *_ in _cells(client, case, people, args)}
    assert not (wrong & set(case.known_leaks)), case.known_leaks


ADMIN_PREFIXES = ("admin/", "django-admin/")
# Public by design: the admins' logout, icons and JavaScript catalogues.
ADMIN_OPEN = {
    "admin/logout/",
    "admin/sprite/",
    "admin/jsi18n/",
    "django-admin/logout/",
    "django-admin/jsi18n/",
}
# Wagtail's own password reset is switched off (allauth's is used): 404.
ADMIN_ANONYMOUS_404 = "admin/password_reset/"


def test_admin_urls_by_prefix(client, world):
    """Every admin URL: anonymous → sign in; respondent, staff, manager → 403."""
    people, _ = world
    routes = [
        r
        for r in walk()
        if r.route.startswith(ADMIN_PREFIXES)
        and not r.own
        and r.route not in ADMIN_OPEN
    ]
    assert len(routes) > 200
    failures = []
    for role in ("anonymous", "respondent", "staff", "manager"):
        client.logout()
        if people[role]:
            client.force_login(people[role])
        for route in routes:
            path = example_path(route.route)
            got = _answer(client.get(path))
            expected = LOGIN if role == "anonymous" else 403
            if role == "anonymous" and route.route.startswith(ADMIN_ANONYMOUS_404):
                expected = 404
            if got != expected:
                failures.append(
                    f"{path} ({route.key}) as {role}: expected {expected}, got {got}"
                )
    assert not failures, "\n".join(failures)


def test_account_urls_never_fail(client, world):
    """Every allauth URL, with dummy arguments, for a visitor and an officer:
    a page, a redirect or a refusal, never a server error or a leak of the
    admin."""
    people, _ = world
    routes = [r for r in walk() if r.route.startswith("accounts/")]
    assert len(routes) > 20
    failures = []
    for role in ("anonymous", "officer"):
        client.logout()
        if people[role]:
            client.force_login(people[role])
        for route in routes:
            path = example_path(route.route)
            got = _answer(client.get(path))
            if got not in (200, LOGIN, REDIRECT, 400, 403, 404, 405, 410):
                failures.append(f"{path} ({route.key}) as {role}: got {got}")
    assert not failures, "\n".join(failures)
