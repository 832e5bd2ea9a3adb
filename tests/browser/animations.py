"""Waiting for animations (banners fading in) to end before axe measures contrast."""

ANIMATIONS_DONE = "() => document.getAnimations().every(a => a.playState !== 'running')"


def settled(page, tries: int = 50):
    """Polled from Python: ``wait_for_function`` evaluates a string, which the
    admin's Content-Security-Policy (no 'unsafe-eval') refuses."""
    for _ in range(tries):
        if page.evaluate(ANIMATIONS_DONE):
            break
        page.wait_for_timeout(100)
    return page
