"""Demo step, last: build and store the demo consultations' equality evidence
(as beat's ``equality_evidence.refresh_stale`` would within a minute), so that
the first visit to the evidence page reads it rather than builds it."""

from .evidence import refresh_stale


def seed(demo: dict) -> None:
    demo["equality_evidence_built"] = refresh_stale()
