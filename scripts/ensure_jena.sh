#!/bin/sh
# Make sure Java and Debian's Apache Jena are there for the RIOT round-trip test
# (tests/test_roundtrip.py). Idempotent; prints one line; always exits 0 so that,
# if the install fails, that test skips with a clear reason instead of the run failing.
if command -v java >/dev/null 2>&1 && [ -f /usr/share/java/jena-core.jar ]; then
    echo "jena: present ($(dpkg-query -W -f='${Version}' libapache-jena-java 2>/dev/null))"
elif [ "$(id -u)" != "0" ]; then
    echo "jena: missing and not root; the Jena round-trip test will skip (apt-get install libapache-jena-java default-jre-headless)"
elif command -v apt-get >/dev/null 2>&1 \
    && DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libapache-jena-java default-jre-headless >/dev/null 2>&1; then
    echo "jena: installed ($(dpkg-query -W -f='${Version}' libapache-jena-java 2>/dev/null))"
else
    echo "jena: install failed; the Jena round-trip test will skip"
fi
exit 0
