"""Digest storage: every query the digest feature makes, as keyword-only functions on a caller's session.

Read top-down: ``subscriptions`` (who wants a digest when, and the locked read that claims a slot),
``changes`` (what arrived since a subscription last looked, and the topic/party filter),
``rows`` (the position changes and status moves a digest shows), ``deliveries`` (the claim on one
slot and how far its posting has got). The caller decides the transaction (``store.db.write_session``).
"""
