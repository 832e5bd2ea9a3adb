"""Waiting for animations (banners fading in) to end before axe measures contrast."""

# Short animations only: Wagtail's "what's new" badge pings for 25 s
# (``ping-warning``, 5 s x 5) and changes no contrast, so waiting for it cost
# every admin test that settles 5 s a time (25 s when awaited in full).
ANIMATIONS_DONE = (
    "() => document.getAnimations().every(a => a.playState !== 'running'"
    " || a.effect.getComputedTiming().endTime > 2000)"
)


def settled(page, tries: int = 50):
    """Polled from Python: ``wait_for_function`` evaluates a string, which the
    admin's Content-Security-Policy (no 'unsafe-eval') refuses."""
    for _ in range(tries):
        if page.evaluate(ANIMATIONS_DONE):
            break
        page.wait_for_timeout(100)
    return page
