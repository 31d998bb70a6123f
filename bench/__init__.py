"""Benchmarks: how fast nafta-bot answers, against the framework's floor, from 1k to 1M quotes.

``python -m bench.run`` (``make bench``) runs the suite and prints one table. Speed targets live
here, never in timed unit tests; generated databases are cached under ``bench/results/`` (git-ignored).
"""
