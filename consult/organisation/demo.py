"""Demo services: the Children's Services that consultations concern."""

from django.utils.text import slugify

from .models import Service

SERVICES = (
    (
        "Children's Centres",
        "Family hubs offering stay and play, health visiting and parenting support.",
    ),
    (
        "Early Intervention (youth and early years)",
        "Early help for families before problems grow.",
    ),
    (
        "Special Needs Services",
        "Assessment and support for children with special educational needs and disabilities.",
    ),
    ("Targeted Services", "Intensive support for families with more complex needs."),
    ("Social Care", "Child protection, children in care and care leavers."),
    (
        "Parent Partnership",
        "Impartial information and advice for parents of children with special needs.",
    ),
    ("Schools and Academies", "Maintained schools and academies in the borough."),
    (
        "CAMHS via partners",
        "Child and adolescent mental health services provided by NHS and voluntary partners.",
    ),
)


def seed(demo: dict) -> None:
    demo["services"] = {}
    for name, description in SERVICES:
        service, _ = Service.objects.get_or_create(
            slug=slugify(name)[:120],
            defaults={"name": name, "description": description},
        )
        demo["services"][service.slug] = service
    manager = demo.get("users", {}).get("Service manager")
    if manager:
        demo["services"]["childrens-centres"].managers.add(manager)
