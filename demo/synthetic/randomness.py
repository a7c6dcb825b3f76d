"""Vectorised random helpers (numpy), so a million rows cost seconds rather than minutes."""

import numpy as np


def pick(rng, words, size, p=None):
    """`size` items drawn from `words` as a Python list."""
    return np.asarray(words, dtype=object)[rng.choice(len(words), size=size, p=p)].tolist()


def choice_codes(rng, weights, size):
    """`size` keys of `weights` drawn in proportion to their values, as a numpy array."""
    keys = list(weights)
    probabilities = np.array([weights[k] for k in keys], dtype=float)
    return np.asarray(keys, dtype=object)[rng.choice(len(keys), size=size, p=probabilities / probabilities.sum())]


def spread(rng, total, weights, minimum=0):
    """Split `total` into len(weights) whole counts following `weights`, each at least `minimum` if possible."""
    weights = np.asarray(weights, dtype=float)
    floor = minimum if total >= minimum * len(weights) else 0
    counts = rng.multinomial(total - floor * len(weights), weights / weights.sum())
    return counts + floor


def timestamps(rng, size, start, end, suffix):
    """ISO timestamps (UTC) spread between two dates, as strings ready for COPY or INSERT."""
    first = np.datetime64(start, "s").astype(np.int64)
    last = np.datetime64(end, "s").astype(np.int64)
    seconds = rng.integers(first, last, size=size).astype("datetime64[s]")
    text = np.datetime_as_string(seconds, unit="s")
    return [value.replace("T", " ") + suffix for value in text.tolist()]


def dates(rng, size, start, end):
    first = np.datetime64(start, "D").astype(np.int64)
    last = np.datetime64(end, "D").astype(np.int64)
    return np.datetime_as_string(rng.integers(first, last, size=size).astype("datetime64[D]")).tolist()


def nullable(rng, values, probability_present):
    """Replace values by None with probability 1 - probability_present."""
    present = rng.random(len(values)) < probability_present
    return [v if keep else None for v, keep in zip(values, present.tolist())]
