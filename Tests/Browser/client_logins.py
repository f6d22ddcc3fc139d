"""A real browser (headless Chromium driven by Selenium) through the DemoApp's client side.

Usage:
  client_logins.py --base URL --password PASSWORD --screenshots DIR [--username demo]

Logs in to the demo, then connects its two built-in remote apps as a person would: `gatehouse`
(OAuth 2: /login/gatehouse, the consent page, Allow, the profile read with the stored token) and
`gatehouse-oauth1` (OAuth 1: temporary credentials, the authorization page, Allow, the verifier
carried back to /authorize/gatehouse-oauth1, token credentials, a signed call to /api/oauth1/me).
Saves screenshots of the home, consent and profile pages at desktop and phone widths into DIR and
checks each page fits a phone's width. Exits 0 on success, 1 on the first failed check.
"""
import argparse
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from browser_support import check, fill_login, make_driver, screenshots


def connect(driver, wait, base, name, consent_heading, shots, args):
    driver.get(base + "/")
    driver.find_element(By.CSS_SELECTOR, "a[href='/login/%s']" % name).click()
    wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "button[name=confirm][value=yes]")))
    heading = driver.find_element(By.TAG_NAME, "h1").text
    check(heading == consent_heading, "%s: the consent page names the client: %r" % (name, heading))
    check("Logged in as %s" % args.username in driver.find_element(By.TAG_NAME, "main").text, "%s: the consent page says who is logged in" % name)
    deny = driver.find_element(By.CSS_SELECTOR, "button[name=confirm][value=no]")
    check(deny.is_displayed(), "%s: Deny is as visible as Allow" % name)
    screenshots(driver, shots, "consent-" + name)
    driver.find_element(By.CSS_SELECTOR, "button[name=confirm][value=yes]").click()
    wait.until(lambda browser: urllib.parse.urlparse(browser.current_url).path == "/profile/" + name)
    cells = {row.find_element(By.TAG_NAME, "th").text: row.find_element(By.TAG_NAME, "td").text
             for row in driver.find_elements(By.CSS_SELECTOR, "#profile tr")}
    check(cells.get("username") == args.username, "%s: the profile read with the stored token: %r" % (name, cells))
    screenshots(driver, shots, "profile-" + name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--username", default="demo")
    parser.add_argument("--password", required=True)
    parser.add_argument("--screenshots", required=True)
    args = parser.parse_args()
    base = args.base.rstrip("/")

    driver = make_driver()
    try:
        wait = WebDriverWait(driver, 30)
        driver.get(base + "/login")
        fill_login(driver, args.username, args.password)
        wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "a[href='/login/gatehouse']")))

        connect(driver, wait, base, "gatehouse", "Authorize Gatehouse demo (log in with Gatehouse)", args.screenshots, args)
        connect(driver, wait, base, "gatehouse-oauth1", "Authorize Demo OAuth 1 client", args.screenshots, args)

        driver.get(base + "/")
        for name in ("gatehouse", "gatehouse-oauth1"):
            forms = driver.find_elements(By.CSS_SELECTOR, "form[action='/disconnect/%s']" % name)
            check(len(forms) == 1, "the home page lists %s as connected, with Disconnect" % name)
        screenshots(driver, args.screenshots, "home")

        driver.find_element(By.CSS_SELECTOR, "form[action='/disconnect/gatehouse-oauth1'] button").click()
        wait.until(expected_conditions.presence_of_element_located((By.CSS_SELECTOR, "a[href='/login/gatehouse-oauth1']")))
        check(True, "disconnecting gatehouse-oauth1 brings back its Connect link")
    finally:
        driver.quit()


if __name__ == "__main__":
    main()
