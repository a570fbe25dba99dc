"""Demo and scale data for Hannover: the administration, demo logins, plans and processes.

`seed_demo` uses `build.seed_base` (through the services, so the audit log has entries) and
`bulk.seed_scale` (bulk inserts for benchmarks). Everything here is demo data only.
"""
