"""What the tests and the benchmarks both use to drive nafta-bot from outside.

``fakeslack`` stands in for Slack's Web API on loopback, ``slack`` signs and sends what Slack
would send, ``serving`` runs the real ``nafta-bot serve`` in a subprocess, ``factories`` builds
rows through the models. Nothing here imports ``tests``, so ``bench`` can depend on it.
"""
