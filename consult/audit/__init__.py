"""Who did what to personal data, and when: the audit log.

The bottom layer (Django and accounts' user model through settings only), so
that every app records through ``consult.audit.services.record``.
"""
