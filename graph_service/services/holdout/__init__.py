"""What the evaluation and the ranker's training share: held-out ties, training copies, ranking metrics.

Both ``services.evaluate`` and ``services.match`` (training) import from here, and this
package imports neither, so the two do not depend on each other both ways.
"""
