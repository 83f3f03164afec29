"""Score bands, the same for every list (see the package docstring)."""

DEFAULT_THRESHOLD = 0.75  # at or above: a match (an alert)
REVIEW_FLOOR = 0.55  # at or above, below the threshold: worth a reviewer's look
