"""The public responding pages, one module per journey (see surveys/urls.py)."""
