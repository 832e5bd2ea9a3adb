"""The NLTK data the pipeline needs, where NLTK finds it, and what is missing.

NLTK searches ``NLTK_DATA`` and its default places. Only the ``setup_nltk``
command downloads; everything else reports what is missing and stops.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Resource:
    name: str  # the downloader's package name
    path: str  # what nltk.data.find looks for
    purpose: str


REQUIRED = (
    Resource("punkt_tab", "tokenizers/punkt_tab/english/", "sentence splitting"),
    Resource(
        "averaged_perceptron_tagger_eng",
        "taggers/averaged_perceptron_tagger_eng/",
        "part-of-speech tags",
    ),
    Resource("stopwords", "corpora/stopwords", "stopwords"),
    Resource("vader_lexicon", "sentiment/vader_lexicon.zip", "VADER sentiment"),
    Resource("wordnet", "corpora/wordnet", "lemmas and word relations"),
)

HOW_TO_GET = (
    "Point NLTK_DATA at a folder that holds it (this team's is ../shared/nltk_data), "
    "or run 'make nltk' on a machine with internet access, which runs "
    "'python -m nltk.downloader {names}'."
)


class MissingResource(RuntimeError):
    """An NLTK resource the pipeline needs is not installed."""

    def __init__(self, missing: list[Resource]):
        names = ", ".join(r.name for r in missing)
        super().__init__(
            f"Missing NLTK data: {names} (needed for "
            f"{', '.join(r.purpose for r in missing)}). "
            + HOW_TO_GET.format(names=" ".join(r.name for r in missing))
        )
        self.missing = missing


def locate(resource: Resource) -> str | None:
    """Where NLTK finds ``resource``, or None."""
    # Imported here, not at the top: importing nltk (and the scipy.stats it
    # loads) took over a second of every Django process's start, the web
    # server's and each test process's too, although few ever analyse text.
    import nltk

    try:
        return str(nltk.data.find(resource.path))
    except LookupError:
        return None


def missing_resources() -> list[Resource]:
    return [r for r in REQUIRED if locate(r) is None]


def require_all() -> None:
    """Raise ``MissingResource`` naming every missing resource."""
    missing = missing_resources()
    if missing:
        raise MissingResource(missing)
