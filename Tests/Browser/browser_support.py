"""What the browser scripts share: checks that print and stop, and a headless Chromium driver.

Chromium and chromedriver come from Debian (scripts/lib/browser.sh exports GATEHOUSE_CHROMIUM and
GATEHOUSE_CHROMEDRIVER); headless with --no-sandbox, as the tests run as root.
"""
import os
import shutil
import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

DESKTOP = (1280, 900)
PHONE = (390, 844)


def check(condition, message):
    if not condition:
        print("FAIL:", message, flush=True)
        sys.exit(1)
    print("ok:", message, flush=True)


def make_driver(size=(1024, 900)):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("GATEHOUSE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=%d,%d" % size):
        options.add_argument(argument)
    driver_path = os.environ.get("GATEHOUSE_CHROMEDRIVER") or shutil.which("chromedriver")
    check(driver_path is not None, "chromedriver found (set GATEHOUSE_CHROMEDRIVER or install chromium-driver)")
    return webdriver.Chrome(service=Service(executable_path=driver_path), options=options)


def screenshots(driver, directory, name):
    """Saves the page at desktop and phone widths as NAME-desktop.png and NAME-phone.png."""
    os.makedirs(directory, exist_ok=True)
    for label, (width, height) in (("desktop", DESKTOP), ("phone", PHONE)):
        driver.set_window_size(width, height)
        path = os.path.join(directory, "%s-%s.png" % (name, label))
        check(driver.save_screenshot(path), "screenshot %s" % path)
        # Nothing wider than the window: the page reads on a phone without sideways scrolling.
        overflow = driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 1, "%s fits the %s width (%d px over)" % (name, label, overflow))
    driver.set_window_size(*DESKTOP)


def fill_login(driver, username, password):
    """Fills and submits the demo's login form on the current page."""
    driver.find_element(By.ID, "username").send_keys(username)
    driver.find_element(By.ID, "password").send_keys(password)
    driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
