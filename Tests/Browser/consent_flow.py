"""A real browser (headless Chromium driven by Selenium) through the DemoApp's OAuth 2 consent flow.

Usage:
  consent_flow.py --base URL --password PASSWORD --client-id ID --client-secret SECRET \
                  --redirect-uri URI --screenshot PNG_PATH [--username demo]

Opens an authorization request (code + PKCE S256) for the client, logs in on the login page it is
sent to, checks the consent page names the client and the scopes, saves a screenshot of it, clicks
Allow, and checks the browser lands on the redirect URI with `code` and the same `state`. The code is
then redeemed at the token endpoint with the PKCE verifier and the token used on /api/me, so the code
the browser carried is known to be real. Exits 0 on success, 1 on the first failed check.

Chromium and chromedriver come from Debian (scripts/lib/browser.sh exports GATEHOUSE_CHROMIUM and
GATEHOUSE_CHROMEDRIVER); headless with --no-sandbox, as the tests run as root.
"""
import argparse
import base64
import hashlib
import json
import os
import secrets
import urllib.error
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import check, fill_login, make_driver


def post_form(url, fields, basic=None):
    request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode(), method="POST")
    request.add_header("Content-Type", "application/x-www-form-urlencoded")
    if basic:
        request.add_header("Authorization", "Basic " + base64.b64encode(":".join(basic).encode()).decode())
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--username", default="demo")
    parser.add_argument("--password", required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--redirect-uri", required=True)
    parser.add_argument("--screenshot", required=True)
    args = parser.parse_args()
    base = args.base.rstrip("/")

    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    state = secrets.token_urlsafe(16)
    authorize = base + "/oauth/authorize?" + urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": args.client_id,
            "redirect_uri": args.redirect_uri,
            "scope": "profile notes",
            "state": state,
            "code_challenge": challenge,
            "code_challenge_method": "S256",
        }
    )

    driver = make_driver()
    try:
        wait = WebDriverWait(driver, 30)
        print("browser:", driver.capabilities.get("browserName"), driver.capabilities.get("browserVersion"), flush=True)

        driver.get(authorize)
        check(urllib.parse.urlparse(driver.current_url).path == "/login", "an anonymous authorization request goes to the login page")
        fill_login(driver, args.username, args.password)

        wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "button[name=confirm][value=yes]")))
        check(urllib.parse.urlparse(driver.current_url).path == "/oauth/authorize", "after login the browser is back at the consent page")
        heading = driver.find_element(By.TAG_NAME, "h1").text
        check(heading == "Authorize Demo OAuth 2 client", "the consent page names the client: %r" % heading)
        scopes = [element.text for element in driver.find_elements(By.CSS_SELECTOR, "main ul li code")]
        check(scopes == ["profile", "notes"], "the consent page lists the scopes: %r" % scopes)
        check(args.client_id in driver.page_source, "the consent page shows the client id")

        os.makedirs(os.path.dirname(os.path.abspath(args.screenshot)), exist_ok=True)
        check(driver.save_screenshot(args.screenshot), "screenshot of the consent page saved")
        print("screenshot:", os.path.abspath(args.screenshot), flush=True)

        driver.find_element(By.CSS_SELECTOR, "button[name=confirm][value=yes]").click()
        wait.until(lambda browser: browser.current_url.startswith(args.redirect_uri))
        landed = urllib.parse.urlparse(driver.current_url)
        query = urllib.parse.parse_qs(landed.query)
        print("landed:", driver.current_url.split("?")[0], "with", sorted(query), flush=True)
        check("code" in query and query["code"][0], "the browser landed on the redirect URI with a code")
        check(query.get("state") == [state], "the state came back unchanged")
        check(query.get("iss") == [base], "the issuer is named (RFC 9207)")
        code = query["code"][0]
    finally:
        driver.quit()

    status, token = post_form(
        base + "/oauth/token",
        {"grant_type": "authorization_code", "code": code, "redirect_uri": args.redirect_uri, "code_verifier": verifier},
        basic=(args.client_id, args.client_secret),
    )
    check(status == 200 and "access_token" in token, "the code is redeemed with the PKCE verifier: %s %s" % (status, token.get("error")))
    request = urllib.request.Request(base + "/api/me", headers={"Authorization": "Bearer " + token["access_token"]})
    with urllib.request.urlopen(request, timeout=30) as response:
        me = json.loads(response.read())
    check(me.get("username") == args.username, "the token works on /api/me as %s" % me.get("username"))


if __name__ == "__main__":
    main()
