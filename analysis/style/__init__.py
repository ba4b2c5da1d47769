"""The style layer: the figures' theme, palettes and family labels (plotnine)."""
