"""View models for the HTML templates, one module per page: plain, pre-formatted data built once from the model.

Templates receive only these dataclasses and loop over them; every label, CSS class, link
and number is decided here, where it can be typed and tested.
"""
