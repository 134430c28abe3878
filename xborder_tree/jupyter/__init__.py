"""The explorer in JupyterLab and Voila: the anywidget view, the ``Explorer`` with its
panels, the training panels and the app page.
"""
