"""What every request meets first: input cleaning, the client's address, limits.

The bottom layer: imports only Django, so every app can use it.
"""
