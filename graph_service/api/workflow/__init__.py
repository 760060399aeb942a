"""The workflow slice: technology needs, introductions and the audit log."""
