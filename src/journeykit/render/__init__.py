"""Rendering: Graphviz diagrams (dot.py) and HTML reports built from view models (view.py, html.py)."""
