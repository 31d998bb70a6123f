"""Scheduled digests: what changed in the talks, posted to each subscribed channel once per due slot."""
