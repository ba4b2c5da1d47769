"""The data layer: schema, validation, typed loaders, provenance, gazetteer, codebook, processed tables.

It reads and checks the tables of ``data/`` and never imports the topic, style or pipeline layers
(nor plotnine).
"""
