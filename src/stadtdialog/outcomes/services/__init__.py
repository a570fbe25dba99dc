"""Writes of the outcomes app, one module per topic: results (results.py), the decision (decision.py),
the implementation (implementation.py). Every write checks permission, runs in a transaction and leaves
an audit entry."""
