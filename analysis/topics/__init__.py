"""The topic layer: one module per notebook, named after it, plus shared estimates.

Topic modules compute what the notebooks show and the paper prints, from the data layer only
(pandas, no plotting).
"""
