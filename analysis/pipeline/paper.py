"""Build the write-up and its supplement: resolve value references, then render with pandoc.

``paper/paper.md`` never holds a typed number. It refers to values the
notebooks wrote, and to their figures and tables, with placeholders that this
module resolves before pandoc sees the text:

``{{run.key}}``
    The value ``key`` of ``paper/values/<run>.json``, as formatted text; whole numbers from zero
    to ten read as words (``{{run.key:Words}}`` capitalised, ``{{run.key:digits}}`` as digits).
``{{figure:<run>-<name>|Caption}}`` and ``{{table:<run>-<name>|Caption}}``
    A numbered figure or table from ``paper/figures/`` or ``paper/tables/``.
    In the paper's HTML the caption links to the notebook that made it; the
    supplement's captions name the notebook and its parameters in every format.
``{{ref:figure:<run>-<name>}}`` and ``{{ref:table:<run>-<name>}}``
    "Figure N" or "Table N", linked to it.
``{{variants:<notebook>|key,key,...}}``
    A table setting the chosen values of a notebook's runs side by side.
``{{reproducibility}}``
    Commands, environment, input hash and the hash of every output.

An unknown reference stops the build with ``file:line`` and the key, before
anything is written. Usage: ``python -m analysis.pipeline.paper [paper|supplement] html|pdf|docx``.
"""
from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from analysis import paths
from analysis.files import write_bytes_atomic, write_text_atomic
from analysis.formatting import md_cell
from analysis.pipeline.runs import runs

PAPER = paths.ROOT / "paper"
SOURCE = PAPER / "paper.md"
BUILD = PAPER / "build"
FORMATS = ("html", "pdf", "docx")
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]+?)\s*\}\}")
#: Figure file format embedded in each output.
FIGURE_EXT = {"html": "svg", "pdf": "png", "docx": "png"}
#: House style: whole numbers from zero to ten read as words in prose (``{{run.key:digits}}`` keeps digits).
NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
#: The documents built: the paper and its reproducibility supplement.
DOCUMENTS = ("paper", "supplement")


class PaperError(ValueError):
    """A reference in the paper that cannot be resolved; lists every one with file and line."""


@dataclass
class Item:
    kind: str  # figure or table
    number: str
    run: str
    name: str
    caption: str


def load_values(root: Path | None = None) -> dict[str, dict]:
    """Every run's values file, by run name."""
    root = Path(root) if root else paths.ROOT
    out = {}
    for p in sorted((root / "paper" / "values").glob("*.json")):
        try:
            doc = json.loads(p.read_text(encoding="utf-8"))
            if not isinstance(doc.get("values"), dict):
                raise ValueError("no values")
        except (ValueError, UnicodeDecodeError, AttributeError) as exc:
            # mark the run stale, so that the next make reruns it and repairs the file
            (root / "build" / "stamps" / f"run-{p.stem}").unlink(missing_ok=True)
            raise PaperError(
                f"paper/values/{p.name} is damaged ({type(exc).__name__}); its run is marked stale: run make again"
            ) from None
        out[p.stem] = doc
    return out


def _split_run(ref: str, known_runs) -> tuple[str, str] | None:
    # run names contain hyphens; the longest declared run that prefixes the ref wins
    for run in sorted(known_runs, key=len, reverse=True):
        if ref.startswith(run + "-"):
            return run, ref[len(run) + 1 :]
    return None


def _suggest(key: str, candidates) -> str:
    close = difflib.get_close_matches(key, list(candidates), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(close)}?" if close else ""


def _caption_source(run_name: str, fmt: str, full: bool) -> str:
    """How a caption names the notebook run that made the item.

    The supplement (``full``) names the notebook and its parameters in every format. The paper
    keeps machinery out of its captions: its HTML links the item to its notebook, and the
    supplement's list of runs gives the parameters.
    """
    run = runs()[run_name]
    nb = f"notebooks/{run.notebook.name}.ipynb"
    target = f"../../{nb}"
    if not full:
        return f"[Notebook]({target})." if fmt == "html" else ""
    params = run.label() or "no parameters"
    link = f"[{nb}]({target})" if fmt == "html" else f"`{nb}`"
    return f"Made by {link} with {md_cell(params)}."


def number_items(text: str, all_runs, errors: list[str], source_name: str, prefix: str = "") -> dict:
    """Number the figures and tables a document places, in order of appearance.

    Parameters
    ----------
    text : str
        The document's Markdown.
    all_runs : dict
        The declared runs.
    errors : list of str
        Unknown figures and tables are appended here, with ``file:line``.
    source_name : str
        File name used in error messages.
    prefix : str
        Put before each number: ``"S"`` for the supplement.

    Returns
    -------
    dict
        ``{(kind, "<run>-<name>"): Item}``.
    """
    items: dict[tuple[str, str], Item] = {}
    counters = {"figure": 0, "table": 0}
    for lineno, line in enumerate(text.splitlines(), start=1):
        for m in PLACEHOLDER.finditer(line):
            kind, _, rest = m.group(1).partition(":")
            if kind not in ("figure", "table") or not rest:
                continue
            ref, _, caption = rest.partition("|")
            ref = ref.strip()
            split = _split_run(ref, all_runs)
            if split is None:
                errors.append(f"{source_name}:{lineno}: unknown {kind} {ref!r}: no declared run makes it")
                continue
            run, name = split
            declared = all_runs[run].notebook.figures if kind == "figure" else all_runs[run].notebook.tables
            if name not in declared:
                errors.append(f"{source_name}:{lineno}: unknown {kind} {ref!r}: {run} declares {', '.join(declared) or 'none'}")
                continue
            if m.start() > 0 or m.end() < len(line.rstrip()):
                errors.append(f"{source_name}:{lineno}: {kind} {ref!r} must stand alone on its line (refer to it with ref:{kind}:{ref})")
            counters[kind] += 1
            items[(kind, ref)] = Item(kind, f"{prefix}{counters[kind]}", run, name, caption.strip())
    return items


def resolve(text: str, fmt: str, root: Path | None = None, source_name: str = "paper/paper.md") -> str:
    """Replace every placeholder of the paper for one output format.

    Parameters
    ----------
    text : str
        The paper's Markdown.
    fmt : {"html", "pdf", "docx"}
        Output format (decides figure files and links).
    root : pathlib.Path, optional
        Project root; defaults to this project.
    source_name : str
        File name used in error messages.

    Returns
    -------
    str
        Markdown with every reference resolved.

    Raises
    ------
    PaperError
        Listing every unknown value, figure, table or reference with its
        ``file:line``.
    """
    root = Path(root) if root else paths.ROOT
    values = load_values(root)
    all_runs = runs()
    errors: list[str] = []
    prefix = "S" if source_name.endswith("supplement.md") else ""
    items = number_items(text, all_runs, errors, source_name, prefix)
    other: dict[tuple[str, str], Item] = {}
    if not prefix and (root / "paper" / "supplement.md").is_file():
        other = number_items((root / "paper" / "supplement.md").read_text(encoding="utf-8"), all_runs, [], "", "S")

    def value(lineno: int, body: str) -> str:
        body, _, style = body.partition(":")
        if style not in ("", "words", "Words", "digits"):
            errors.append(f"{source_name}:{lineno}: unknown style {style!r} in {{{{{body}:{style}}}}}: use words, Words or digits")
            return body
        run, _, key = body.partition(".")
        if run not in values:
            errors.append(f"{source_name}:{lineno}: unknown value {body!r}: no values file for run {run!r}{_suggest(run, values)}")
            return body
        vals = values[run]["values"]
        if key not in vals:
            errors.append(f"{source_name}:{lineno}: unknown value {body!r}: {run} has no value {key!r}{_suggest(key, vals)}")
            return body
        v = vals[key]["value"]
        if isinstance(v, str) and v.isascii() and v.isdigit():
            v = int(v)
        if style != "digits" and isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 10:
            word = NUMBER_WORDS[v]
            return word.capitalize() if style == "Words" else word
        if style == "Words":
            return md_cell(vals[key]["text"][:1].upper() + vals[key]["text"][1:])
        return md_cell(vals[key]["text"])

    def figure(item: Item) -> str:
        ext = FIGURE_EXT[fmt]
        rel = f"paper/figures/{item.run}-{item.name}.{ext}"
        path = f"/{rel}" if fmt == "pdf" else rel
        cap = f"Figure {item.number}: {item.caption} {_caption_source(item.run, fmt, bool(prefix))}".rstrip()
        return f"![{cap}]({path}){{#fig-{item.run}-{item.name} width=100%}}"

    def table(item: Item) -> str:
        md = (root / "paper" / "tables" / f"{item.run}-{item.name}.md").read_text(encoding="utf-8").rstrip("\n")
        cap = f"Table {item.number}: {item.caption} {_caption_source(item.run, fmt, bool(prefix))}".rstrip()
        return f"{md}\n\n: {cap} {{#tbl-{item.run}-{item.name}}}"

    def ref(lineno: int, target: str) -> str:
        kind, _, name = target.strip().partition(":")
        item = items.get((kind, name.strip()))
        elsewhere = other.get((kind, name.strip()))
        if item is None and elsewhere is not None:
            label = "Figure" if kind == "figure" else "Table"
            anchor = f"{'fig' if kind == 'figure' else 'tbl'}-{elsewhere.run}-{elsewhere.name}"
            if fmt == "html":
                return f"[{label} {elsewhere.number} of the supplement](supplement.html#{anchor})"
            return f"{label} {elsewhere.number} of the supplement"
        if item is None:
            errors.append(
                f"{source_name}:{lineno}: unknown reference {target.strip()!r}: write ref:figure:NAME or ref:table:NAME "
                "for a figure or table placed in the paper"
            )
            return target
        label = "Figure" if item.kind == "figure" else "Table"
        prefix = "fig" if item.kind == "figure" else "tbl"
        return f"[{label} {item.number}](#{prefix}-{item.run}-{item.name})"

    def variants(lineno: int, spec: str) -> str:
        nb, _, keys = spec.partition("|")
        nb = nb.strip()
        keys = [k.strip() for k in keys.split(",") if k.strip()]
        group = [r for r in all_runs.values() if r.notebook.name == nb]
        if len(group) < 2:
            errors.append(f"{source_name}:{lineno}: notebook {nb!r} has no declared variants")
            return ""
        head = ["run", "parameters"] + keys
        rows = []
        for r in group:
            vals = values.get(r.name, {}).get("values", {})
            cells = [r.name, r.label()]
            for k in keys:
                if k not in vals:
                    errors.append(f"{source_name}:{lineno}: unknown value {r.name}.{k}{_suggest(k, vals)}")
                    cells.append("")
                else:
                    cells.append(vals[k]["text"])
            rows.append(cells)
        desc = values.get(group[0].name, {}).get("values", {})
        lines = ["| " + " | ".join(md_cell(h.replace("_", " ")) for h in head) + " |", "|" + "|".join([":---", ":---"] + ["---:"] * len(keys)) + "|"]
        lines += ["| " + " | ".join(md_cell(c) for c in row) + " |" for row in rows]
        legend = "; ".join(f"{k}: {desc[k]['description'].lower()}" for k in keys if k in desc)
        return "\n".join(lines) + f"\n\n: Runs of `notebooks/{nb}.ipynb` side by side ({md_cell(legend)})."

    out_lines = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        def sub(m, lineno=lineno):
            body = m.group(1)
            kind, _, rest = body.partition(":")
            if kind in ("figure", "table") and rest:
                item = items.get((kind, rest.partition("|")[0].strip()))
                return "" if item is None else (figure(item) if kind == "figure" else table(item))
            if kind == "ref":
                return ref(lineno, rest)
            if kind == "variants":
                return variants(lineno, rest)
            if body == "reproducibility":
                return reproducibility(root)
            if body == "runs":
                return runs_table()
            return value(lineno, body)

        out_lines.append(PLACEHOLDER.sub(sub, line))
    if errors:
        raise PaperError(f"{len(errors)} unresolved reference{'s' if len(errors) != 1 else ''} in the paper:\n" + "\n".join(f"  {e}" for e in errors))
    return "\n".join(out_lines) + "\n"


def _bib_text(value: str) -> str:
    """A field value safe inside biblatex braces: braces and backslashes dropped, case kept.

    Characters that (La)TeX reads as markup are escaped, so that "80%" or "War & Peace" print as
    written.
    """
    value = value.replace("\\", " ").replace("{", "(").replace("}", ")").strip()
    for ch in "%&#$_":
        value = value.replace(ch, "\\" + ch)
    return value


def sources_bib(root: Path) -> str:
    """A biblatex entry for every source of ``sources.csv``, keyed by ``source_id``.

    The write-up cites a source as ``[@source_id]``; every coded source appears in the references,
    a copy with the story it reprints, an original not held marked as such.
    """
    import csv

    with open(root / "data" / "raw" / "sources.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    by_id = {r["source_id"]: r for r in rows}
    entries = []
    for r in rows:
        fields = {"title": "{" + _bib_text(r["title"]) + "}"}
        if r["author"] and not r["author"].lower().startswith(("unknown", "not ")):
            fields["author"] = " and ".join("{" + _bib_text(a) + "}" for a in r["author"].split(";") if a.strip())
        # braced: a list field, which would otherwise split "Stars and Stripes" in two
        fields["organization"] = "{" + _bib_text(r["publisher"]) + "}"
        if r["published"]:
            # printed at the precision the record has: a date known only within a range of days
            # prints its month
            precision = r["date_precision"]
            fields["date"] = (r["published"][:4] if precision in ("year", "season")
                              else r["published"][:7] if precision in ("month", "range") else r["published"])
        if r["url"]:
            fields["url"] = r["url"].replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")
        notes = []
        if r["grade"] == "copy" and r["copy_of"]:
            orig = by_id.get(r["copy_of"], {})
            notes.append(f"Reprint of {orig.get('publisher', r['copy_of'])}: {orig.get('title') or 'the same story'}")
        if r["grade"] == "tertiary":
            notes.append("Tertiary source, left out of the main counts")
        if r["held"] != "true":
            notes.append("Known through its reprints; not held")
        elif r["coverage"] == "opening":
            notes.append("Opening only held")
        if r["language"] and r["language"] != "en":
            notes.append(f"In {r['language']}")
        if notes:
            fields["note"] = _bib_text("; ".join(notes))
        body = ",\n".join(f"  {k} = {{{v}}}" if k != "title" else f"  {k} = {v}" for k, v in fields.items())
        entries.append(f"@online{{{r['source_id']},\n{body}\n}}")
    return "\n\n".join(entries) + "\n"


def runs_table() -> str:
    """Every declared run: notebook, parameters and the outputs it writes, as a Markdown table."""
    lines = ["| run | notebook | parameters | outputs |", "|:---|:---|:---|:---|"]
    for r in runs().values():
        outs = ", ".join(f"`{Path(o).name}`" for o in r.outputs())
        lines.append(f"| {md_cell(r.name)} | `notebooks/{r.notebook.name}.ipynb` | {md_cell(r.label() or 'none')} | {outs} |")
    return "\n".join(lines) + "\n\n: The notebook runs and what each writes."


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def input_hash(root: Path) -> str:
    """SHA-256 over the data, the library, the notebooks and the paper's source."""
    h = hashlib.sha256()
    files = []
    for pattern in ("data/datapackage.json", "data/raw/*.csv", "analysis/*.py", "analysis/*/*.py", "notebooks/*.ipynb", "notebooks/runs.toml",
                    "paper/paper.md", "paper/references.bib", "requirements.lock"):
        files += sorted(root.glob(pattern))
    for p in files:
        h.update(str(p.relative_to(root)).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _lock_versions(root: Path) -> dict[str, str]:
    text = (root / "requirements.lock").read_text(encoding="utf-8")
    return dict(re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\;]+)", text, flags=re.M))


def environment_drift(root: Path | None = None) -> list[str]:
    """Installed packages whose version differs from the lock file.

    Parameters
    ----------
    root : pathlib.Path, optional
        Project root whose ``requirements.lock`` is compared; defaults to this project.

    Returns
    -------
    list of str
        ``name: locked X, installed Y`` (or ``not installed``); empty when
        the environment matches the lock.
    """
    import importlib.metadata as md

    root = Path(root) if root else paths.ROOT
    drift = []
    for name, version in sorted(_lock_versions(root).items()):
        try:
            installed = md.version(name)
        except md.PackageNotFoundError:
            drift.append(f"{name}: locked {version}, not installed")
            continue
        if installed != version:
            drift.append(f"{name}: locked {version}, installed {installed}")
    return drift


KEY_PACKAGES = ("pandas", "numpy", "matplotlib", "plotnine", "jupyter-client", "ipykernel", "frictionless", "pypandoc-binary", "typst", "nbval")


def reproducibility(root: Path) -> str:
    """The reproducibility section's generated content, as Markdown."""
    locked = _lock_versions(root)
    drift = environment_drift(root)
    lines = [
        "To regenerate everything from a clean checkout, with only `python3`, `pip` and `make` installed:",
        "",
        "```",
        "make all    # environment from requirements.lock, data checks, notebooks, figures, tables, this paper",
        "make test   # every test, including nbval on the committed notebooks",
        "```",
        "",
        f"The environment is Python {md_cell('.'.join(map(str, sys.version_info[:3])))} with every package pinned by hash in "
        "`requirements.lock`. The packages that shape the results are:",
        "",
        "| package | locked version |",
        "|:---|:---|",
    ]
    lines += [f"| {p} | {locked.get(p, 'not locked')} |" for p in KEY_PACKAGES]
    lines += [""]
    if drift:
        lines += ["**The environment that built this document differs from the lock:** " + md_cell("; ".join(drift)) + ".", ""]
    else:
        lines += ["The environment that built this document matched the lock file exactly.", ""]
    lines += [
        f"Inputs (data, library, notebooks, this text and the lock file) hash to `{input_hash(root)[:16]}` (SHA-256, first "
        "16 hexadecimal digits); the commit that holds this document holds those inputs. Every output the notebooks "
        "wrote, with the first 12 digits of its SHA-256:",
        "",
        "| output | SHA-256 |",
        "|:---|:---|",
    ]
    for r in runs().values():
        for rel in r.outputs():
            p = root / rel
            lines.append(f"| `{rel}` | `{_sha(p)[:12] if p.exists() else 'missing'}` |")
    return "\n".join(lines)


def release(root: Path) -> tuple[str, object]:
    """The compendium's version and release date, from ``CITATION.cff``: what dates the write-up.

    Returns
    -------
    tuple of (str, datetime.date)
    """
    import datetime as dt

    text = (root / "CITATION.cff").read_text(encoding="utf-8")
    version = re.search(r"^version:\s*\"?([^\s\"]+)", text, flags=re.M)
    date = re.search(r"^date-released:\s*\"?(\d{4}-\d{2}-\d{2})", text, flags=re.M)
    if not (version and date):
        raise PaperError("CITATION.cff: needs version and date-released (YYYY-MM-DD), which date the write-up")
    return version.group(1), dt.date.fromisoformat(date.group(1))


def dateline(root: Path) -> str:
    """The title block's date: the compendium's version and its release date."""
    version, date = release(root)
    return f"Compendium version {version}, {date.day} {date:%B %Y}"


def _epoch(root: Path) -> int:
    """The release date as a Unix time: the outputs' fixed timestamp."""
    import datetime as dt

    d = release(root)[1]
    return int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC).timestamp())


def _pandoc() -> str:
    import pypandoc

    return pypandoc.get_pandoc_path()


def build(fmt: str, root: Path | None = None, document: str = "paper") -> Path:
    """Render the paper (or its supplement) in one format into ``paper/build/``, atomically.

    Parameters
    ----------
    fmt : {"html", "pdf", "docx"}
        Output format.
    root : pathlib.Path, optional
        Project root; defaults to this project.
    document : {"paper", "supplement"}
        ``paper/paper.md`` or the reproducibility supplement ``paper/supplement.md``.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    PaperError
        For an unresolved reference (nothing is written).
    subprocess.CalledProcessError
        If pandoc fails.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}")
    root = Path(root) if root else paths.ROOT
    if document not in DOCUMENTS:
        raise ValueError(f"document must be one of {', '.join(DOCUMENTS)}; got {document!r}")
    source = root / "paper" / f"{document}.md"
    text = resolve(source.read_text(encoding="utf-8"), fmt, root, source_name=f"paper/{document}.md")
    work = root / "build" / "paper"
    work.mkdir(parents=True, exist_ok=True)
    resolved = work / f"{document}.{fmt}.md"
    write_text_atomic(resolved, text)
    epoch = _epoch(root)
    env = dict(os.environ, SOURCE_DATE_EPOCH=str(epoch), LC_ALL="C.UTF-8")
    # pandoc runs in the project root with relative paths, so that no absolute path of this
    # machine ends up in an output (DOCX records the bibliography's path, for one)
    bib = work / "sources.bib"
    write_text_atomic(bib, sources_bib(root))
    common = [
        _pandoc(), str(resolved.relative_to(root)), "--from", "markdown", "--citeproc",
        "--bibliography", "paper/references.bib", "--bibliography", str(bib.relative_to(root)),
        "--resource-path", ".", "--metadata", f"date={dateline(root)}",
        "--metadata", "link-citations=true",
    ]
    out = root / "paper" / "build" / f"{document}.{fmt}"
    if fmt == "html":
        args = common + ["--to", "html5", "--standalone", "--embed-resources", "--css", "paper/style.css",
                         "--section-divs", "--toc", "--toc-depth=2", "--metadata", "document-css=false"]
        html = subprocess.run(args, env=env, cwd=root, check=True, capture_output=True).stdout
        write_bytes_atomic(out, html)
    elif fmt == "docx":
        tmp = work / f"{document}.docx"
        subprocess.run(common + ["--to", "docx", "--output", str(tmp)], env=env, cwd=root, check=True, capture_output=True)
        write_bytes_atomic(out, tmp.read_bytes())
    else:
        import typst

        args = common + ["--to", "typst", "--standalone", "--variable", "papersize=a4", "--variable", "fontsize=10.5pt",
                         "--variable", "mainfont=Libertinus Serif", "--variable", "margin.x=2.2cm", "--variable", "margin.y=2.4cm",
                         "--include-in-header", "paper/typst-header.typ"]
        typ = subprocess.run(args, env=env, cwd=root, check=True, capture_output=True).stdout.decode("utf-8")
        typ_path = work / f"{document}.typ"
        write_text_atomic(typ_path, typ)
        pdf = typst.compile(str(typ_path), root=str(root), ignore_system_fonts=True, timestamp=epoch)
        write_bytes_atomic(out, pdf)
    return out


def main(argv: list[str] | None = None) -> int:
    """Build the formats named on the command line; print one line each."""
    import time

    argv = sys.argv[1:] if argv is None else argv
    document = "paper"
    if argv and argv[0] in DOCUMENTS:
        document, argv = argv[0], argv[1:]
    if not argv or any(a not in FORMATS for a in argv):
        print(f"usage: python -m analysis.pipeline.paper [{'|'.join(DOCUMENTS)}] {{{'|'.join(FORMATS)}}} ...", file=sys.stderr)
        return 2
    for fmt in argv:
        t = time.perf_counter()
        try:
            out = build(fmt, document=document)
        except PaperError as exc:
            print(f"[paper] {fmt}: FAILED: {exc}", file=sys.stderr)
            return 1
        except OSError as exc:
            print(f"[paper] {fmt}: FAILED: {exc}", file=sys.stderr)
            return 1
        except subprocess.CalledProcessError as exc:
            print(f"[paper] {fmt}: pandoc failed:\n{exc.stderr.decode('utf-8', 'replace')}", file=sys.stderr)
            return 1
        print(f"[paper] wrote {out.relative_to(paths.ROOT)} in {time.perf_counter() - t:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
