"""Sortition (Losverfahren): random, stratified selection of residents for a panel.

The pure algorithm lives in :mod:`stadtdialog.sortition.algorithm` and imports no Django;
``python -m stadtdialog.sortition`` is its command line.
"""
