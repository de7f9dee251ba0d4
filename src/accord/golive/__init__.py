"""The go-live gate (move to production), its checklist and override, and the monitoring period
after go-live.
"""
