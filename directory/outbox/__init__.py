"""Background work that outlives a broker outage: each task is written to the database in the
transaction of the change that asks for it, sent to the broker after the commit, and sent again
by the sweep until the broker has taken it (docs/architecture.md#background-tasks)."""
