"""Personal links: a random token goes to the person, only its hash is kept."""

import hashlib
import secrets


def new_token() -> tuple[str, str]:
    """A URL-safe token and the SHA-256 hex digest to store."""
    token = secrets.token_urlsafe(32)
    return token, digest(token)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
