# Runs named checks and prints their outcomes as JSON, for the TypeScript side of the client suite to report one by one.
import json
import sys
import traceback
import warnings


class Cases:
    """A registry of named checks: `--list` prints the names, otherwise every check runs and reports ok or its error."""

    def __init__(self):
        self.checks = {}

    def add(self, name, check):
        self.checks[name] = check

    def main(self):
        if len(sys.argv) > 2 and sys.argv[2] == "--list":
            print(json.dumps(list(self.checks)))
            return
        results = {}
        for name, check in self.checks.items():
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                try:
                    check()
                    results[name] = {"ok": True}
                except Exception as error:  # every failure is reported, with the client's own message
                    results[name] = {"ok": False, "error": f"{type(error).__name__}: {error}", "trace": traceback.format_exc()[-2500:]}
                results[name]["warnings"] = sorted({str(w.message)[:200] for w in caught})
        print(json.dumps(results))


def expect(condition, message):
    if not condition:
        raise AssertionError(message)
