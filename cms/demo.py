"""Demo site: the Children's Services "new operating model" and three more consultations.

Builds the domain records (consultations with their rounds) and the pages that
present them, with real documents, so that `make run` shows a realistic site.
"""

from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale, Page, Site

from surveys.models import Consultation, Round

from .demo_content import (
    CLOSED_BODY,
    CLOSED_OUTCOME,
    OPERATING_MODEL_BODY,
    REVIEW_BODY,
    STAFF_BODY,
    TARGETED_BODY,
)
from .demo_translation import add_polish_translation
from .models import ConsultationIndexPage, ConsultationPage, HomePage, OutcomePage

CONTACT = (
    "<p>The Children's Services Transformation Team, "
    '<a href="mailto:have-your-say@example.org">have-your-say@example.org</a>, '
    "or ask at your children's centre.</p>"
)


def install_home_page(title="Have your say") -> HomePage:
    """Make a HomePage the root of the default site, replacing Wagtail's welcome page."""
    root = Page.get_first_root_node() or _tree_root()
    home = root.add_child(
        instance=HomePage(
            title=title,
            slug="have-your-say",
            introduction=(
                "Tell us what you think about changes to council services. "
                "Read the proposals, respond online, and see what we did with what you said."
            ),
        )
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True
        )
    old = site.root_page
    site.root_page = home
    site.site_name = "Sounding Board"
    site.save()
    if old.pk != home.pk and old.depth > 1 and not old.get_children().exists():
        old.delete()
    return home


def _tree_root() -> Page:
    """Wagtail's root page, root collection and locale, as its migrations make them.

    Needed where they are gone: a database flushed between transactional tests.
    """
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    return Page.add_root(instance=Page(title="Root", slug="root"))


def pdf_bytes(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF, so demo documents open in any reader."""
    text = [f"BT /F1 18 Tf 72 760 Td ({_pdf_escape(title)}) Tj ET"]
    y = 730
    for line in lines:
        text.append(f"BT /F1 11 Tf 72 {y} Td ({_pdf_escape(line)}) Tj ET")
        y -= 16
    stream = "\n".join(text).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _document(title: str, filename: str, lines: list[str]):
    document = get_document_model()(title=title)
    document.file.save(filename, ContentFile(pdf_bytes(title, lines)), save=False)
    document.save()
    return document


def _consultation(title, audience, rounds, services, leads=()):
    consultation = Consultation.objects.create(title=title, audience=audience)
    for kind, opens_at, closes_at in rounds:
        Round.objects.create(
            consultation=consultation, kind=kind, opens_at=opens_at, closes_at=closes_at
        )
    consultation.services.set(services)
    consultation.leads.set(leads)
    return consultation


def _page(index, consultation, title, slug, summary, body, documents=()):
    page = ConsultationPage(
        title=title,
        slug=slug,
        consultation=consultation,
        summary=summary,
        body=body,
        contact=CONTACT,
    )
    index.add_child(instance=page)
    for order, (document, easy_read) in enumerate(documents):
        page.documents.create(
            document=document, is_easy_read=easy_read, sort_order=order
        )
    page.save_revision().publish()
    return page


def seed(demo: dict) -> None:
    now = timezone.now()
    day = timedelta(days=1)
    services = demo.get("services", {})
    users = demo.get("users", {})
    leads = [users["Project lead"]] if "Project lead" in users else []

    def pick(*slugs):
        return [services[s] for s in slugs if s in services]

    home = install_home_page()
    index = home.add_child(
        instance=ConsultationIndexPage(
            title="Consultations",
            slug="consultations",
            introduction="Open, upcoming and closed consultations, and what we did as a result.",
        )
    )

    proposal = _document(
        "A new operating model for Children's Services: full proposal",
        "new-operating-model-proposal.pdf",
        [
            "1. A single point of contact with a multi-agency access team",
            "2. Integrated support teams: Teams Around the Family",
            "3. Special needs services",
            "4. Targeted services",
            "5. Quality assurance and commissioning",
            "6. A new education strategy and school organisation model",
            "7. A business support model",
        ],
    )
    easy_read = _document(
        "A new way of helping children and families: easy read",
        "new-operating-model-easy-read.pdf",
        [
            "We want to make it easier to get help.",
            "There will be one phone number to call.",
            "One team will work with your whole family.",
            "Tell us what you think.",
        ],
    )

    consultations = {
        "operating_model": _consultation(
            "A new operating model for Children's Services",
            Consultation.Audience.PUBLIC,
            [
                (Round.Kind.MAIN, now - 21 * day, now + 35 * day),
                (Round.Kind.REVIEW, now + 63 * day, now + 84 * day),
            ],
            pick(
                "childrens-centres",
                "early-intervention-youth-and-early-years",
                "special-needs-services",
                "targeted-services",
                "camhs-via-partners",
            ),
            leads,
        ),
        "staff": _consultation(
            "Staff consultation: reorganising Children's Services",
            Consultation.Audience.STAFF,
            [(Round.Kind.MAIN, now - 14 * day, now + 28 * day)],
            pick(
                "early-intervention-youth-and-early-years",
                "targeted-services",
                "social-care",
            ),
            leads,
        ),
        "targeted": _consultation(
            "Your experience of Teams Around the Family",
            Consultation.Audience.TARGETED,
            [(Round.Kind.MAIN, now - 7 * day, now + 21 * day)],
            pick("childrens-centres", "targeted-services", "parent-partnership"),
            leads,
        ),
        # Main round closed, review period open (consult.audiences.demo_review).
        "review": _consultation(
            "Early help: the one front door pilot",
            Consultation.Audience.PUBLIC,
            [(Round.Kind.MAIN, now - 70 * day, now - 14 * day)],
            pick("early-intervention-youth-and-early-years", "childrens-centres"),
            leads,
        ),
        "closed": _consultation(
            "Children's centre opening hours",
            Consultation.Audience.PUBLIC,
            [(Round.Kind.MAIN, now - 200 * day, now - 140 * day)],
            pick("childrens-centres"),
            leads,
        ),
    }
    pages = {
        "operating_model": _page(
            index,
            consultations["operating_model"],
            "A new operating model for Children's Services",
            "new-operating-model",
            "We propose to change how we support children, young people and families: one "
            "front door for help, Teams Around the Family in every locality, and teams "
            "working together from one site. Tell us what you think.",
            OPERATING_MODEL_BODY,
            [(proposal, False), (easy_read, True)],
        ),
        "staff": _page(
            index,
            consultations["staff"],
            "Staff consultation: reorganising Children's Services",
            "staff-reorganisation",
            "How the new operating model affects teams, roles and locations, and how you "
            "can have your say before decisions are made.",
            STAFF_BODY,
            [(proposal, False)],
        ),
        "targeted": _page(
            index,
            consultations["targeted"],
            "Your experience of Teams Around the Family",
            "teams-around-the-family-experience",
            "Families nominated by our services are invited to tell us how Teams Around "
            "the Family worked for them.",
            TARGETED_BODY,
        ),
        "review": _page(
            index,
            consultations["review"],
            "Early help: the one front door pilot",
            "one-front-door-pilot",
            "We piloted one phone number and one team for all requests for early "
            "help. We asked families and partners how it went; now we are checking "
            "that we heard them right.",
            REVIEW_BODY,
        ),
        "closed": _page(
            index,
            consultations["closed"],
            "Children's centre opening hours",
            "childrens-centre-opening-hours",
            "We asked when our children's centres should be open so that working parents "
            "can use them.",
            CLOSED_BODY,
        ),
    }
    outcome = OutcomePage(
        title="What we did about opening hours", slug="outcome", **CLOSED_OUTCOME
    )
    pages["closed"].add_child(instance=outcome)
    outcome.save_revision().publish()

    pages["operating_model_pl"] = add_polish_translation(pages["operating_model"])

    demo["consultations"] = consultations
    demo["pages"] = pages
    demo["home"] = home
