"""The model: a tree (``DecisionTree``), one person's walk through it (``Walk``), dated
rules at run time, the shared vocabulary, and the error classes. Imports nothing above it.
"""
