"""The web front end without Jupyter: the explorer's data, its static files and the static
site.
"""
