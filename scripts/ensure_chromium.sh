#!/bin/sh
# Make sure Debian's chromium is there for the browser tests (tests/test_viz.py).
# Idempotent; prints one line; always exits 0 so that, if the install fails,
# the browser tests skip with a clear reason instead of the whole run failing.
if [ -x /usr/bin/chromium ]; then
    echo "chromium: present ($(/usr/bin/chromium --version 2>/dev/null | head -n 1))"
elif [ "$(id -u)" != "0" ]; then
    echo "chromium: missing and not root; browser tests will skip (apt-get install chromium)"
elif command -v apt-get >/dev/null 2>&1 \
    && DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null 2>&1; then
    echo "chromium: installed ($(/usr/bin/chromium --version 2>/dev/null | head -n 1))"
else
    echo "chromium: install failed; browser tests will skip"
fi
exit 0
