#!/usr/bin/env python3
"""The review page of `mtlint serve`, driven in headless Chromium (CI: .ci/run).

Loads `/`, pastes an article with known artefacts, checks the highlights and the list, accepts one
fix, applies all safe fixes, checks the resulting text, and times a 10,000-word article. Saves a
screenshot (SCREENSHOT, default .build/review-page.png).

Usage: python3 tests/server/test_review_page.py MTLINT_BINARY [SCREENSHOT]
       (needs selenium from PyPI, chromium and chromium-driver from Debian)
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_clients import Server  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

ARTICLE = ("The leader of South Korea North met officials in Pyongyang on Tuesday.\n\n"
           "The the talks went on until late , officials said.")


def browser():
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900"]:
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def paste(driver, text):
    """Sets the textarea as a paste would (send_keys types a 10,000-word text for minutes)."""
    driver.execute_script("document.getElementById('edit').click();"
                          "const area = document.getElementById('text'); area.value = arguments[0];"
                          "area.dispatchEvent(new Event('input'));", text)


def wait_for_status(driver, words, timeout=30):
    WebDriverWait(driver, timeout).until(lambda d: any(word in d.find_element(By.ID, "status").text for word in words))
    return driver.find_element(By.ID, "status").text


def main():
    binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/mtlint")
    screenshot = sys.argv[2] if len(sys.argv) > 2 else ".build/review-page.png"
    with Server(binary) as server:
        driver = browser()
        try:
            driver.get(server.url + "/")
            assert driver.title == "mtlint review"
            WebDriverWait(driver, 20).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#lang option")) > 1)
            driver.find_element(By.CSS_SELECTOR, "#lang option[value='en']").click()
            paste(driver, ARTICLE)
            driver.find_element(By.ID, "check").click()
            status = wait_for_status(driver, ["finding"])
            marks = {mark.get_attribute("data-rule"): mark.get_attribute("textContent") for mark in driver.find_elements(By.CSS_SELECTOR, "#view mark")}
            assert marks.get("garbled-name") == "South Korea North", marks
            assert marks.get("repeated-word") == "The the", marks
            assert marks.get("space-before-punctuation") == " ", marks
            items = driver.find_elements(By.CSS_SELECTOR, "#findings li")
            assert len(items) == len(driver.find_elements(By.CSS_SELECTOR, "#view mark")), status
            error_mark = driver.find_element(By.CSS_SELECTOR, "#view mark[data-rule='garbled-name']")
            assert "error" in error_mark.get_attribute("class")
            driver.save_screenshot(screenshot)

            # Accept the doubled word's fix: the text changes there only, and the page checks again.
            driver.find_element(By.CSS_SELECTOR, "#findings li[data-rule='repeated-word'] button.accept").click()
            WebDriverWait(driver, 20).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#view mark[data-rule='repeated-word']"))
            value = driver.execute_script("return document.getElementById('text').value")
            assert value == ARTICLE.replace("The the talks", "The talks"), value

            # Apply all safe fixes (the space before the comma), then check the text.
            driver.find_element(By.ID, "fix-all").click()
            wait_for_status(driver, ["Applied"])
            value = driver.execute_script("return document.getElementById('text').value")
            assert value == ARTICLE.replace("The the talks", "The talks").replace("late , officials", "late, officials"), value
            # The garbled name has no safe fix: it is still highlighted, and its suggestion can be used.
            driver.find_element(By.CSS_SELECTOR, "#findings li[data-rule='garbled-name'] button.accept").click()
            WebDriverWait(driver, 20).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "#view mark[data-rule='garbled-name']"))
            value = driver.execute_script("return document.getElementById('text').value")
            assert value.startswith("The leader of North Korea met"), value

            # Keyboard: the controls are reachable with Tab, and Ctrl+Enter checks.
            focusable = driver.execute_script(
                "return [...document.querySelectorAll('button, select, input, textarea, [tabindex]')]"
                ".filter(e => !e.disabled && e.tabIndex >= 0).map(e => e.id || e.className)")
            assert "check" in focusable and "lang" in focusable, focusable

            # A 10,000-word article with a finding in every paragraph stays usable.
            paragraph = ("The the committee met on Tuesday and agreed to publish its report in March, "
                         "after a long debate about the budget and the schedule of the next meetings. ")
            article = "\n\n".join(paragraph * 3 for _ in range(10_000 // 87 + 1))
            paste(driver, article)
            started = time.monotonic()
            driver.find_element(By.ID, "check").click()
            wait_for_status(driver, ["finding"], timeout=60)
            seconds = time.monotonic() - started
            count = len(driver.find_elements(By.CSS_SELECTOR, "#view mark"))
            assert count >= 300, count
            assert seconds < 15, seconds
            print(f"review page: highlights, accept, fix-all and suggestion checked; "
                  f"{len(article.split())} words with {count} findings checked and shown in {seconds:.1f} s; "
                  f"screenshot {screenshot}")
        finally:
            driver.quit()


if __name__ == "__main__":
    main()
