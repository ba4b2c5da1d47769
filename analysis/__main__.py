"""Command line of the analysis library: ``python -m analysis COMMAND``.

Commands
--------
validate   check every table against the schema and the rules; exit 1 listing all problems
processed  write the joined tables of data/processed/ (validates first)
codebook   write data/CODEBOOK.md only
geocode    copy gazetteer coordinates into data/raw/places.csv
provenance check claims and event dates against the source texts
env-check  compare the installed packages with requirements.lock; exit 1 on any difference
source-info FILE  print a text's SHA-256, paragraph count and numbered paragraphs (to add a source)
"""
from __future__ import annotations

import sys
import time

from analysis import paths


def _validate() -> int:
    from analysis.data.schema import resources
    from analysis.data.validate import validate_package

    t = time.perf_counter()
    problems = validate_package()
    if problems:
        print(f"data validation failed: {len(problems)} problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
        for p in problems:
            print(f"  data/raw/{p}", file=sys.stderr)
        return 1
    print(f"[data] validated {len(resources())} tables in {time.perf_counter() - t:.2f} s: no problems")
    return 0


def _codebook() -> int:
    from analysis.data.codebook import render
    from analysis.files import write_text_if_changed

    write_text_if_changed(paths.CODEBOOK, render())
    print(f"[data] wrote {paths.CODEBOOK.relative_to(paths.ROOT)}")
    return 0


def _processed() -> int:
    from analysis.data.load import ensure_valid
    from analysis.data.processed import write_all as write_joins
    from analysis.data.validate import DataValidationError
    from analysis.files import sweep_temporaries
    from analysis.topics.tables import write_all as write_results

    sweep_temporaries(paths.PROCESSED)
    t = time.perf_counter()
    try:
        ensure_valid()
    except DataValidationError as exc:
        print(exc, file=sys.stderr)
        return 1
    written = write_joins() + write_results()
    print(f"[data] wrote {len(written)} processed tables in {time.perf_counter() - t:.2f} s")
    return 0


def _geocode() -> int:
    from analysis.data.gazetteer import update_places

    problems = update_places()
    for p in problems:
        print(f"geocode: {p}", file=sys.stderr)
    if not problems:
        print("[data] places.csv coordinates derived from the gazetteer")
    return 1 if problems else 0


def _provenance() -> int:
    from analysis.data import provenance

    t = time.perf_counter()
    try:
        directory = paths.sources_dir()
    except paths.SourcesDirError as exc:
        print(f"provenance: {exc}", file=sys.stderr)
        return 1
    if directory is None:
        print(
            f"provenance: skipped, no source texts: set ${paths.SOURCES_ENV} or put them in ../shared/sources",
            file=sys.stderr,
        )
        return 0
    texts = provenance.load_source_texts(directory)
    for reason in texts.missing.values():
        print(f"provenance: skipped {reason}", file=sys.stderr)
    problems = provenance.check_claims(texts) + provenance.check_events(texts)
    for p in problems:
        print(f"  data/raw/{p}", file=sys.stderr)
    if problems:
        print(f"provenance: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(
        f"[data] provenance: every claim value and event date found in its cited paragraph, "
        f"{len(texts)} texts in {time.perf_counter() - t:.2f} s ({directory})"
    )
    return 0


def _env_check() -> int:
    from analysis.pipeline.paper import environment_drift

    drift = environment_drift()
    if drift:
        print(f"env-check: the environment differs from requirements.lock in {len(drift)} package(s):", file=sys.stderr)
        for d in drift:
            print(f"  {d}", file=sys.stderr)
        print("env-check: run `make env` (or rm -rf .venv && make env) to reinstall from the lock", file=sys.stderr)
        return 1
    print("[env] installed packages match requirements.lock")
    return 0


def _source_info(path: str) -> int:
    import hashlib
    from pathlib import Path

    from analysis.data.provenance import paragraphs

    p = Path(path)
    if not p.is_file():
        print(f"source-info: {path}: no such file", file=sys.stderr)
        return 1
    data = p.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        print(f"source-info: {path}: not UTF-8 (byte {exc.start}); save the text as UTF-8 first", file=sys.stderr)
        return 1
    paras = paragraphs(text)
    print(f"file        {p.name}")
    print(f"sha256      {hashlib.sha256(data).hexdigest()}")
    print(f"paragraphs  {len(paras)}")
    print(f"bytes       {len(data)}")
    print()
    for i, para in enumerate(paras, start=1):
        print(f"¶{i}  {para}")
        print()
    return 0


COMMANDS = {
    "validate": _validate,
    "processed": _processed,
    "codebook": _codebook,
    "geocode": _geocode,
    "provenance": _provenance,
    "env-check": _env_check,
}


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit status."""
    import signal

    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `... | head` ends quietly
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) == 2 and argv[0] == "source-info":
        return _source_info(argv[1])
    if len(argv) != 1 or argv[0] not in COMMANDS:
        print(__doc__, file=sys.stderr)
        return 2
    from analysis.data.schema import DescriptorError

    try:
        return COMMANDS[argv[0]]()
    except (DescriptorError, OSError) as exc:
        print(f"{argv[0]}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
