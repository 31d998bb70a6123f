"""The reads behind every answer: what may be shown, which position holds, in which order.

queries     quotes, positions, statuses and people, as plain rows, in reading order
candidates  the slice of quotes an answer ranks, read with bounded index scans
ranking     how strongly a quote answers a question (weights as data), and the order it gives
standing    which position holds for each party and topic, and the timeline of changes
search      full-text search over quotes and positions (FTS5 on SQLite, tsvector on Postgres)
names       the names a question may use (topics, parties, people), for the question reader
"""
