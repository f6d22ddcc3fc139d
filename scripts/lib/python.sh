# Python for the interoperability tests: the clients requests-oauthlib and oauthlib (with RSA
# support) that drive Gatehouse's providers, and Authlib on Flask, the independent provider that
# Gatehouse's OAuth clients log in to (Tests/Interop/authlib_provider.py); in a virtual
# environment under .build so nothing touches the system Python. Source this file, then call
# `python_interop_env`; it exports GATEHOUSE_PYTHON.

python_interop_env() {
    local venv=".build/interop-venv"
    if [ ! -x "$venv/bin/python" ]; then
        if ! python3 -m venv "$venv" >/dev/null 2>&1; then
            apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null
            python3 -m venv "$venv"
        fi
    fi
    "$venv/bin/pip" install --quiet --disable-pip-version-check "requests-oauthlib>=2.0" "oauthlib[signedtoken]>=3.2" cryptography requests \
        "authlib>=1.3" "flask>=3.0"
    GATEHOUSE_PYTHON="$(pwd)/$venv/bin/python"
    export GATEHOUSE_PYTHON
    echo "python: $("$GATEHOUSE_PYTHON" -c 'import authlib, importlib.metadata as m, oauthlib, requests_oauthlib
print("requests-oauthlib", requests_oauthlib.__version__, "oauthlib", oauthlib.__version__,
      "authlib", authlib.__version__, "flask", m.version("flask"))')"
}
