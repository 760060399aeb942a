"""The embedded engine replicated: a primary, replicas and Sentinels of the same ``redis-server``."""
