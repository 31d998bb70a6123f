"""What editors change: quote corrections, curated positions and statuses, the audit log, exports.

Every function that writes takes the caller's session and does not commit: the caller wraps one
editor action in one transaction (``store.db.write_session``), audit entry included, so a change and
its record of who made it land together or not at all.
"""
