"""Loading and validation: reading a tree file, its JSON Schema, the graph rules and the
date rules, the document pair (``tree_graph`` / ``tree_data``) and the catalog of trees.
"""
