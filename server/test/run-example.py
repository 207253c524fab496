"""Runs one of the API reference's Python examples exactly as written.

The reference's examples use `requests` without importing it; this harness
provides it, records the status of every call the example makes (printed to
stderr as one JSON line after the run) and runs the example's text unchanged.
Usage: python3 run-example.py EXAMPLE_FILE
"""
import json
import sys

import requests

calls = []
_request = requests.sessions.Session.request


def recording_request(self, method, url, *args, **kwargs):
    response = _request(self, method, url, *args, **kwargs)
    calls.append({"method": method.upper(), "url": response.url, "status": response.status_code})
    return response


requests.sessions.Session.request = recording_request

path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    source = f.read()
try:
    exec(compile(source, path, "exec"), {"__name__": "__main__", "requests": requests})
finally:
    sys.stdout.flush()
    print("CALLS " + json.dumps(calls), file=sys.stderr)
