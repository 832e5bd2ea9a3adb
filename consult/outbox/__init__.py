"""Work that must follow a commit: recorded with the commit, sent after it.

The bottom layer (Django and Celery only), so surveys, analysis and audiences
all enqueue through it. See ``services.py``.
"""
