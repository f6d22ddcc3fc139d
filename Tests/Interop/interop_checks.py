"""What the interop scripts share: a check that stops at the first failure."""
import sys


def check(condition, message):
    """Prints `ok: message`, or `FAIL: message` and exits 1."""
    if not condition:
        print("FAIL:", message)
        sys.exit(1)
    print("ok:", message)
