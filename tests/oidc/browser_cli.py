"""A command-line "browser" for BROWSER="python tests/oidc/browser_cli.py %s".

Logs in the account named by WALLETDESK_TEST_LOGIN, the way tests/oidc/browser.py does.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.oidc.browser import FakeBrowser


def main() -> int:
    browser = FakeBrowser(os.environ["WALLETDESK_TEST_LOGIN"])
    page = browser.deliver(browser.authorize(sys.argv[1]))
    return 0 if page.status_code == 200 else 1


if __name__ == "__main__":
    sys.exit(main())
