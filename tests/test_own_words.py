"""No sentence of the source articles is copied into the project's text.

Compares every run of ten words in the paper, the notebooks' prose and the data's text fields with
the source texts in ../shared/sources (or $JAWZJAN_SOURCES_DIR). Skips, saying why, without them.
"""
from __future__ import annotations

import csv
import json
import re

from analysis import paths

N = 10


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


def shingles(text: str) -> set[tuple[str, ...]]:
    w = words(text)
    return {tuple(w[i : i + N]) for i in range(len(w) - N + 1)}


def project_texts() -> dict[str, str]:
    texts = {"paper/paper.md": (paths.ROOT / "paper" / "paper.md").read_text(encoding="utf-8")}
    for nb in sorted((paths.ROOT / "notebooks").glob("*.ipynb")):
        doc = json.loads(nb.read_text(encoding="utf-8"))
        texts[str(nb.relative_to(paths.ROOT))] = "\n".join("".join(c["source"]) for c in doc["cells"] if c["cell_type"] == "markdown")
    for csv_path in sorted(paths.RAW.glob("*.csv")):
        with open(csv_path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        # a source's title is bibliographic data, quoted as published, not prose
        skip = {"title"} if csv_path.stem == "sources" else set()
        texts[str(csv_path.relative_to(paths.ROOT))] = "\n".join(
            " ".join(v for k, v in row.items() if k not in skip) for row in rows
        )
    texts["README.md"] = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    return texts


def test_no_ten_word_run_is_shared_with_the_sources(source_dir):
    source = set()
    for p in source_dir.glob("*.txt"):
        source |= shingles(p.read_text(encoding="utf-8"))
    shared = {}
    for name, text in project_texts().items():
        hits = shingles(text) & source
        if hits:
            shared[name] = sorted(" ".join(h) for h in hits)[:3]
    assert shared == {}, f"copied runs of {N} words: {shared}"


def test_the_check_finds_a_copied_sentence(source_dir):
    text = next(iter(source_dir.glob("*.txt"))).read_text(encoding="utf-8")
    sentence = " ".join(words(text)[200:215])
    assert shingles(sentence) & shingles(text)
