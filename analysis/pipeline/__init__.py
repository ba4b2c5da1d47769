"""The pipeline layer: runs, execution with papermill, outputs, the paper build.

Its modules import the standard library at import time, so make can read the run declarations
before the environment exists.
"""
