"""What a notebook writes: figures, tables and named values, traceable to their run.

A notebook starts with :func:`start`, which checks its parameters (failing at
once with the allowed values) and works out which declared run they make. It
then writes through the returned :class:`Outputs`:

- figures as SVG, 300 dpi PNG and PDF in ``paper/figures/``;
- tables as Markdown and CSV in ``paper/tables/``;
- the numbers the write-up uses in ``paper/values/<run>.json``, each with a
  description, its notebook and the run's parameters.

When the runner executes the notebook it names a staging directory and moves
the outputs into place only after the whole notebook succeeded. Run by hand
(in JupyterLab, or by nbval), the outputs go to ``paper/`` directly, each file
written atomically; parameter values that match no declared run go to
``build/adhoc/`` so that a what-if never overwrites the write-up's outputs.
"""
from __future__ import annotations

import io
import math
import os
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths
from analysis.files import write_bytes_atomic, write_csv_atomic, write_json_atomic, write_text_atomic
from analysis.formatting import format_value, to_markdown
from analysis.pipeline.runs import FIGURE_FORMATS, Run, check_parameters, figure_path, run_for, table_path, values_path

OUTPUT_ROOT_ENV = "JAWZJAN_OUTPUT_ROOT"
#: Set (to anything but "" or "0") by the test session: figures are drawn, so that a plotnine warning
#: still fails, but not saved. nbval compares what a notebook shows (the figure's link), and the figure
#: files are compared byte for byte by the runner's reproduction test and by ``make reproduced``.
DRAW_ONLY_ENV = "JAWZJAN_DRAW_ONLY"
PNG_DPI = 300


def _matplotlib_defaults() -> None:
    import matplotlib

    matplotlib.rcParams.update(
        {
            "svg.hashsalt": "jawzjan-enclave",  # stable element ids in SVG
            "svg.fonttype": "none",  # text stays text: searchable, small
            "pdf.fonttype": 42,
            "font.family": "DejaVu Sans",
            "text.parse_math": False,  # "$5 to $10" in a label stays literal, "$\\frac$" cannot break a figure
        }
    )


@dataclass
class Outputs:
    """The outputs of one run of one notebook."""

    run: Run
    root: Path
    values: dict = field(default_factory=dict)
    written: list = field(default_factory=list)

    @property
    def name(self) -> str:
        """The run's name, which prefixes every output file."""
        return self.run.name

    @property
    def parameters(self) -> dict:
        """The run's parameter values."""
        return self.run.parameters

    def _path(self, rel: str) -> Path:
        p = self.root / rel
        self.written.append(rel)
        return p

    def _shown(self, rel: str) -> str:
        # the path as seen from notebooks/, the same wherever the bytes went
        prefix = "../build/adhoc/" if "-adhoc-" in self.name else "../"
        return prefix + rel

    def figure(self, key: str, plot, width: float = 7.0, height: float = 4.5, alt: str = ""):
        """Write a plotnine figure as SVG, PNG (300 dpi) and PDF; return a displayable link.

        Parameters
        ----------
        key : str
            Figure name declared for the notebook in ``notebooks/runs.toml``.
        plot : plotnine.ggplot
            The figure.
        width, height : float
            Size in inches.
        alt : str
            Alternative text for the displayed image.

        Returns
        -------
        IPython.display.Markdown
            A Markdown image pointing at the PNG, so the notebook shows the
            figure without embedding it.
        """
        self._check_key(key, self.run.notebook.figures, "figures")
        _matplotlib_defaults()
        import warnings

        import matplotlib.pyplot as plt
        from plotnine import theme
        from plotnine.exceptions import PlotnineWarning

        with warnings.catch_warnings():
            # a point silently dropped (outside a scale, missing) would make the figure say less than
            # the data: every plotnine warning stops the run instead
            warnings.simplefilter("error", PlotnineWarning)
            fig = (plot + theme(figure_size=(width, height))).draw()
        try:
            for ext in () if os.environ.get(DRAW_ONLY_ENV, "") not in ("", "0") else FIGURE_FORMATS:
                rel = figure_path(self.name, key, ext)
                buf = io.BytesIO()
                meta = {
                    "svg": {"Date": None, "Creator": None},
                    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
                    "png": {"Software": None},
                }[ext]
                fig.savefig(buf, format=ext, dpi=PNG_DPI, metadata=meta)
                write_bytes_atomic(self._path(rel), buf.getvalue())
        finally:
            plt.close(fig)
        from IPython.display import Markdown

        return Markdown(f"![{alt or key}]({self._shown(figure_path(self.name, key, 'png'))})")

    def table(self, key: str, df, markdown=None):
        """Write a table as CSV (raw values) and Markdown (formatted, escaped); return it.

        Parameters
        ----------
        key : str
            Table name declared for the notebook in ``notebooks/runs.toml``.
        df : pandas.DataFrame
            The table as it should read.
        markdown : pandas.DataFrame, optional
            A differently formatted version for the Markdown file (defaults
            to ``df``).

        Returns
        -------
        pandas.DataFrame
            ``df``, for display.
        """
        self._check_key(key, self.run.notebook.tables, "tables")
        write_csv_atomic(self._path(table_path(self.name, key, "csv")), df)
        md = to_markdown(df if markdown is None else markdown)
        write_text_atomic(self._path(table_path(self.name, key, "md")), md)
        return df

    def value(self, key: str, value, description: str):
        """Record a number (or short text) for the write-up.

        Parameters
        ----------
        key : str
            Name of the value; the paper refers to it as ``run.key``.
        value : int, float, str or bool
            The value; numpy and pandas scalars are converted.
        description : str
            What the value is, in a sentence.

        Returns
        -------
        object
            The value, as a plain Python object.
        """
        if key in self.values:
            raise ValueError(f"value {key!r} recorded twice in {self.name}")
        if hasattr(value, "item"):
            value = value.item()
        if not isinstance(value, (int, float, str, bool)):
            raise TypeError(f"value {key!r} must be a number, text or bool, not {type(value).__name__}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"value {key!r} is {value!r}, not a finite number")
        if isinstance(value, int) and abs(value) >= 10**15:
            raise ValueError(f"value {key!r} is {value:,}, beyond any plausible count")
        self.values[key] = {"value": value, "text": format_value(value), "description": description}
        return value

    def finish(self):
        """Write the values file and return a table of the values for display."""
        import pandas as pd

        from analysis.data.load import LOADED

        doc = {
            "run": self.name,
            "notebook": f"notebooks/{self.run.notebook.name}.ipynb",
            "parameters": self.parameters,
            "reads": sorted(LOADED),
            "values": self.values,
        }
        write_json_atomic(self._path(values_path(self.name)), doc)
        return pd.DataFrame(
            [(f"{self.name}.{k}", v["text"], v["description"]) for k, v in self.values.items()],
            columns=["value", "text", "description"],
        ).set_index("value")

    def _check_key(self, key, declared, what):
        if key not in declared:
            raise ValueError(
                f"{what} {key!r} is not declared for {self.run.notebook.name} in notebooks/runs.toml; "
                f"declared: {', '.join(declared) or 'none'}"
            )


def start(notebook: str, **values) -> Outputs:
    """Check a notebook's parameters and set up its outputs.

    Call it in the first cell after the parameters.

    Parameters
    ----------
    notebook : str
        The notebook's name, such as ``"fighter_strength"``.
    **values
        Every parameter of the notebook.

    Returns
    -------
    Outputs

    Raises
    ------
    analysis.pipeline.runs.ParameterError
        Naming each bad value and the values allowed.
    """
    check_parameters(notebook, values)
    run = run_for(notebook, values)
    override = os.environ.get(OUTPUT_ROOT_ENV)
    if override:
        root = Path(override)
    elif "-adhoc-" in run.name:
        root = paths.ROOT / "build" / "adhoc"
    else:
        root = paths.ROOT
    return Outputs(run, root)
