"""The ``xborder-tree`` command: the parser (``args``), the tree commands (``trees``), the
training commands (``training``) and the entry point (``main``).
"""
