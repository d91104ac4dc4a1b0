"""Serving: a built graph in, a read-only SPARQL 1.1 Protocol endpoint and the graph view over HTTP out.

Every query goes through :mod:`kg.sparql`'s checks and limits; the server adds loopback-only hosting, request
size caps and concurrency slots.
"""
