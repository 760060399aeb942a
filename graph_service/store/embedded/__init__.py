"""The embedded engine: FalkorDB as a supervised child process."""

from graph_service.store.embedded.store import EmbeddedStore

__all__ = ["EmbeddedStore"]
