"""One look for every figure: a plotnine theme and colours per actor family.

The palette is Okabe and Ito's, which stays distinguishable under the common
forms of colour blindness and in greyscale print; each actor family keeps its
colour in every figure.
"""
from __future__ import annotations

from plotnine import (
    element_blank,
    element_line,
    element_text,
    scale_colour_manual,
    scale_fill_manual,
    theme,
    theme_minimal,
)

#: Actor families (the ``family`` column of actors.csv), their labels and colours, in legend order.
#: Colours are Okabe and Ito's where eight suffice, with two darker and one grey companion.
FAMILIES = {
    "hekmat": ("Hekmat's men", "#D55E00"),
    "iskp": ("IS and ISKP", "#8C2D04"),
    "taleban": ("Taleban", "#0072B2"),
    "government": ("Afghan government", "#009E73"),
    "elected": ("Elected councils", "#66C2A5"),
    "foreign_military": ("US and allied forces", "#6A3D9A"),
    "un": ("UN and aid agencies", "#E69F00"),
    "local_sources": ("Local sources", "#CC79A7"),
    "research_media": ("Media and research", "#56B4E9"),
    "civilians": ("Civilians", "#999999"),
    "other": ("Other", "#000000"),
}
FAMILY_LABELS = {code: label for code, (label, _) in FAMILIES.items()}
FAMILY_COLOURS = {code: colour for code, (_, colour) in FAMILIES.items()}

BASE_SIZE = 9
FONT = "DejaVu Sans"


def family_label(family: str) -> str:
    """Label of an actor family code, such as ``"hekmat"`` -> ``"Hekmat's men"``.

    Raises
    ------
    KeyError
        For an unknown family, listing the known ones.
    """
    if family not in FAMILY_LABELS:
        raise KeyError(f"unknown actor family {family!r}; known: {', '.join(FAMILY_LABELS)}")
    return FAMILY_LABELS[family]


def theme_compendium(base_size: float = BASE_SIZE):
    """The compendium's plotnine theme: minimal, left-aligned titles, legend below.

    Parameters
    ----------
    base_size : float
        Base font size in points; titles and captions scale from it.
    """
    return theme_minimal(base_size=base_size, base_family=FONT) + theme(
        plot_title=element_text(size=base_size + 2, weight="bold", ha="left"),
        plot_subtitle=element_text(size=base_size, ha="left", color="#333333"),
        plot_caption=element_text(size=base_size - 1.5, ha="left", color="#444444"),
        plot_title_position="plot",
        plot_caption_position="plot",
        panel_grid_minor=element_blank(),
        panel_grid_major=element_line(color="#d9d9d9", size=0.4),
        axis_text=element_text(color="#222222"),
        legend_position="bottom",
        legend_title=element_text(size=base_size),
        strip_text=element_text(size=base_size, weight="bold", ha="left"),
    )


def _present(families) -> dict:
    shown = {f for f in families if isinstance(f, str)}
    unknown = shown - set(FAMILY_COLOURS)
    if unknown:
        raise KeyError(f"unknown family code(s) {sorted(unknown)}; known: {', '.join(FAMILY_COLOURS)}")
    return {k: v for k, v in FAMILY_COLOURS.items() if k in shown}


def scale_colour_family(families, **kwargs):
    """Colour scale giving each actor family its fixed colour and label.

    Parameters
    ----------
    families : iterable of str
        The family codes in the figure's data; the legend lists these, in
        the fixed family order, under their labels.
    **kwargs
        Passed to ``scale_colour_manual`` (``name`` and so on).
    """
    values = _present(families)
    return scale_colour_manual(values=values, limits=list(values), labels=[FAMILY_LABELS[k] for k in values], **kwargs)


def scale_fill_family(families, **kwargs):
    """Fill scale giving each actor family its fixed colour and label.

    Parameters
    ----------
    families : iterable of str
        The family codes in the figure's data; the legend lists these.
    **kwargs
        Passed to ``scale_fill_manual``.
    """
    values = _present(families)
    return scale_fill_manual(values=values, limits=list(values), labels=[FAMILY_LABELS[k] for k in values], **kwargs)
