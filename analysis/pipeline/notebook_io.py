"""Read and write ``.ipynb`` files the way Jupyter does, with the standard library only.

make's rule generator reads the notebooks (their parameters and imports) before the environment
exists, so it cannot use nbformat; the file format is plain JSON (nbformat 4): multi-line strings
are stored as lists of lines, keys sorted, indented by one space. The runner writes executed
notebooks with nbformat, and a test checks that both agree byte for byte.
"""
from __future__ import annotations

import json
from pathlib import Path

# mime types whose payload is JSON rather than text to be split into lines
_JSON_MIME_SUFFIX = ("json",)


def read(path: Path) -> dict:
    """Read a notebook, joining multi-line fields into plain strings.

    Parameters
    ----------
    path : pathlib.Path
        The ``.ipynb`` file.

    Returns
    -------
    dict
        The notebook, with ``source`` and output texts as strings.
    """
    path = Path(path)
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb["cells"]
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path.name}:{exc.lineno}:{exc.colno}: not a valid notebook (JSON: {exc.msg})") from None
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path.name}: not a valid notebook (not UTF-8 at byte {exc.start})") from None
    except (KeyError, TypeError):
        raise ValueError(f"{path.name}: not a valid notebook (no list of cells)") from None
    for cell in cells:
        cell["source"] = _join(cell.get("source", ""))
        for out in cell.get("outputs", []):
            if "text" in out:
                out["text"] = _join(out["text"])
            for mime, data in out.get("data", {}).items():
                if not mime.endswith(_JSON_MIME_SUFFIX):
                    out["data"][mime] = _join(data)
    return nb


def _join(value):
    return "".join(value) if isinstance(value, list) else value


def _split(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def dumps(nb: dict) -> str:
    """Serialise a notebook as Jupyter writes it.

    Parameters
    ----------
    nb : dict
        A notebook as returned by :func:`read`.

    Returns
    -------
    str
        JSON text with sorted keys, one-space indentation, multi-line strings
        as lists of lines and a final newline.
    """
    out = json.loads(json.dumps(nb))
    for cell in out["cells"]:
        cell["source"] = _split(cell.get("source", ""))
        for o in cell.get("outputs", []):
            if "text" in o:
                o["text"] = _split(o["text"])
            for mime, data in o.get("data", {}).items():
                if isinstance(data, str) and not mime.endswith(_JSON_MIME_SUFFIX):
                    o["data"][mime] = _split(data)
    return json.dumps(out, sort_keys=True, indent=1, ensure_ascii=False, separators=(",", ": ")) + "\n"


def code_sources(nb: dict) -> list[str]:
    """The sources of a notebook's code cells, in order."""
    return [c["source"] for c in nb["cells"] if c["cell_type"] == "code"]
