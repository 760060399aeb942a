"""One module per group of ``graph-service`` commands, each with a ``register(sub)`` beside its handlers."""
