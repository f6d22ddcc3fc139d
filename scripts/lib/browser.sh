# A real browser for the DemoApp browser test: Debian's chromium and chromium-driver, driven by
# Selenium (from PyPI) in the virtual environment of scripts/lib/python.sh. Source python.sh and this
# file, then call `browser_env`; it exports GATEHOUSE_PYTHON (with selenium), GATEHOUSE_CHROMIUM and
# GATEHOUSE_CHROMEDRIVER. The test runs chromium headless with --no-sandbox (the tests run as root).

browser_env() {
    if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
        if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1; then
            apt-get update -qq
            DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
        fi
    fi
    python_interop_env
    "$GATEHOUSE_PYTHON" -m pip install --quiet --disable-pip-version-check "selenium>=4.20"
    GATEHOUSE_CHROMIUM="$(command -v chromium)"
    GATEHOUSE_CHROMEDRIVER="$(command -v chromedriver)"
    export GATEHOUSE_CHROMIUM GATEHOUSE_CHROMEDRIVER
    echo "browser: $("$GATEHOUSE_CHROMIUM" --version 2>/dev/null | head -n 1), $("$GATEHOUSE_CHROMEDRIVER" --version | head -n 1)," \
        "selenium $("$GATEHOUSE_PYTHON" -c 'import selenium; print(selenium.__version__)')"
}
