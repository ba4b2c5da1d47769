"""Read the data package descriptor: the one place where table metadata lives."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis import paths


@dataclass(frozen=True)
class Field:
    """One column of a table as the descriptor defines it."""

    name: str
    type: str
    description: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None


@dataclass(frozen=True)
class ForeignKey:
    """A column whose values must exist in a column of a table."""

    field: str
    resource: str
    reference: str


@dataclass(frozen=True)
class Resource:
    """One table of the data package."""

    name: str
    path: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)
    extras: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def file_name(self) -> str:
        """File name of the table's CSV, as used in error messages."""
        return Path(self.path).name

    def field(self, name: str) -> Field:
        """Return the field called ``name``."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"{self.name} has no column {name!r}")


def _parse_resource(raw: dict) -> Resource:
    fields = []
    for f in raw["schema"]["fields"]:
        c = f.get("constraints", {})
        fields.append(
            Field(
                name=f["name"],
                type=f["type"],
                description=f.get("description", ""),
                required=bool(c.get("required", False)),
                unique=bool(c.get("unique", False)),
                enum=tuple(c["enum"]) if "enum" in c else None,
                pattern=c.get("pattern"),
                minimum=c.get("minimum"),
                maximum=c.get("maximum"),
            )
        )
    fks = []
    for fk in raw["schema"].get("foreignKeys", []):
        fks.append(
            ForeignKey(
                field=fk["fields"],
                resource=fk["reference"]["resource"] or raw["name"],
                reference=fk["reference"]["fields"],
            )
        )
    extras = {k: v for k, v in raw.items() if k.startswith("x-")}
    return Resource(
        name=raw["name"],
        path=raw["path"],
        title=raw.get("title", raw["name"]),
        description=raw.get("description", ""),
        fields=tuple(fields),
        primary_key=tuple(raw["schema"].get("primaryKey", [])),
        foreign_keys=tuple(fks),
        extras=extras,
    )


class DescriptorError(ValueError):
    """``datapackage.json`` cannot be read; the message names the file, line and column."""


@lru_cache(maxsize=8)
def _read(path: Path, mtime_ns: int) -> dict:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DescriptorError(f"{path.name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except UnicodeDecodeError as exc:
        raise DescriptorError(f"{path.name}: not valid UTF-8 (byte {exc.start})") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("resources"), list):
        raise DescriptorError(f"{path.name}: no list of resources")
    return doc


def descriptor(path: Path | None = None) -> dict:
    """Return the raw ``datapackage.json`` as a dictionary.

    Parameters
    ----------
    path : pathlib.Path, optional
        Descriptor to read; defaults to ``data/datapackage.json``.
    """
    path = Path(path or paths.DATAPACKAGE)
    return _read(path, path.stat().st_mtime_ns)


def resources(path: Path | None = None) -> dict[str, Resource]:
    """Return the package's tables by name, in descriptor order.

    Parameters
    ----------
    path : pathlib.Path, optional
        Descriptor to read; defaults to ``data/datapackage.json``.

    Returns
    -------
    dict of str to Resource
    """
    path = Path(path or paths.DATAPACKAGE)
    return {res.name: res for res in _parsed(path, path.stat().st_mtime_ns)}


@lru_cache(maxsize=8)
def _parsed(path: Path, mtime_ns: int) -> tuple[Resource, ...]:
    """The descriptor's resources, parsed once per state of the file (they are frozen)."""
    out = []
    for i, r in enumerate(_read(path, mtime_ns)["resources"], start=1):
        try:
            out.append(_parse_resource(r))
        except (KeyError, TypeError, AttributeError) as exc:
            raise DescriptorError(f"datapackage.json: resource {i} is malformed ({type(exc).__name__}: {exc})") from None
    return tuple(out)


def resource(name: str, path: Path | None = None) -> Resource:
    """Return one table's metadata, with a helpful error for an unknown name.

    Parameters
    ----------
    name : str
        Table name.
    path : pathlib.Path, optional
        Descriptor to read; defaults to ``data/datapackage.json``.

    Raises
    ------
    KeyError
        Naming the tables there are.
    """
    res = resources(path)
    if name not in res:
        raise KeyError(f"no table {name!r}; the tables are: {', '.join(res)}")
    return res[name]
