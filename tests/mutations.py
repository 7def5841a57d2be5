"""Break each core rule on purpose in a scratch copy of the tree and check that a test fails.

    .venv/bin/python -m tests.mutations            # every mutation in tests/mutations.md
    .venv/bin/python -m tests.mutations rounding   # the ones whose name contains "rounding"

Each mutation replaces one piece of source text (it must be there, or the list is out of
date) in a copy of the tracked files, then runs the tests that guard the rule in that copy.
A mutation is "caught" when pytest fails; the run exits 1 if any mutation survives.
Nothing in the working tree is touched.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Mutation:
    name: str
    rule: str
    path: str
    old: str
    new: str
    tests: tuple[str, ...]


MUTATIONS = (
    Mutation("vault-without-associated-data",
             "a secret is bound to its row and user (AES-GCM associated data)",
             "walletdesk/security/vault.py",
             "_HEADER + associated_data(credential_id, user_id)", "_HEADER",
             ("tests/security",)),
    Mutation("rounding-half-up", "amounts are rounded once, half to even",
             "walletdesk/core/money.py",
             # every quantize: the usual amount's (rounding by position) and the checks'
             "ROUND_HALF_EVEN)", '"ROUND_HALF_UP")',
             ("tests/core/test_money.py", "tests/store/test_amounts.py")),
    Mutation("no-formula-guard", "exported text cells cannot start a spreadsheet formula",
             "walletdesk/export/formula_guard.py",
             """return "'" + text if text.startswith(FORMULA_TRIGGERS) else text""",
             "return text",
             ("tests/export",)),
    Mutation("wallet-written-in-two-transactions",
             "a wallet's balances are replaced in one transaction",
             "walletdesk/store/wallets.py",
             "            ).scalar_one()\n",
             "            ).scalar_one()\n            session.commit()\n",
             ("tests/store",)),
    Mutation("balances-of-every-user", "every balance query is scoped to one user",
             "walletdesk/store/wallets.py",
             "                 .where(WalletRow.user_id == self._user_id)\n"
             "                 .order_by(BalanceRow.usd_value.desc()",
             "                 .order_by(BalanceRow.usd_value.desc()",
             ("tests/store", "tests/auth/test_per_user_data.py")),
    Mutation("first-paint-of-every-user", "the first paint reads only its user's portfolio",
             "walletdesk/store/read_model.py",
             "WHERE w.user_id = ? ORDER BY b.usd_value DESC",
             "WHERE ? <> '' ORDER BY b.usd_value DESC",
             ("tests/store/test_read_model.py",)),
    Mutation("one-request-at-a-time", "a refresh asks the exchanges concurrently",
             "walletdesk/controllers/portfolio.py",
             "\nMAX_PARALLEL_REQUESTS = ", "\nMAX_PARALLEL_REQUESTS = 1  # instead of ",
             ("tests/controllers/test_portfolio_refresh.py",)),
    Mutation("hidden-assets-of-every-user", "the assets one user hid are that user's only",
             "walletdesk/store/hidden_assets.py",
             "                           .where(HiddenAssetRow.user_id == user_id))",
             "                           )",
             ("tests/store/test_desk_state.py",)),
    Mutation("local-profile-choice-forgotten",
             "Continue without signing in holds (next start, CLI) until a sign-in",
             "walletdesk/controllers/session.py",
             "        if self.local_profile_chosen():\n            return LOCAL_USER\n"
             "        config = self.config()",
             "        config = self.config()",
             ("tests/auth/test_local_profile.py",)),
    Mutation("refresh-outcomes-not-kept",
             "a failed wallet is still marked old in a later process",
             "walletdesk/controllers/portfolio.py",
             "        self._record_outcomes(user, refreshed_at, outcomes)\n", "",
             ("tests/cli/test_hidden_and_old_cli.py",)),
    Mutation("unchanged-balance-rewritten",
             "a balance as stored is not written again (it keeps its updated_at)",
             "walletdesk/store/balance_writes.py",
             "if stored.get(asset, row) != row]", "if asset in stored]",
             ("tests/store/test_balance_rows.py",)),
    Mutation("sole-key-wallet-loses-every-row-with-any-key",
             "removing a key subtracts exactly its parts, of a wallet held by one key too",
             "walletdesk/store/key_removal.py",
             "lost = {} if sole_key not in (None, credential.id) else {",
             "lost = {} if False else {",
             ("tests/controllers/test_real_accounts.py",)),
    Mutation("support-cache-tidying-follows-links",
             "tidying the support-code cache never follows a link out of its folder",
             "walletdesk/ui/pyside_support_cache.py",
             "entry.is_file(follow_symlinks=False)", "entry.is_file()",
             ("tests/ui/test_pyside_support_cache.py",)),
    Mutation("support-cache-tidied-at-every-start",
             "a start that only read the support-code cache removes nothing",
             "walletdesk/ui/pyside_support_cache.py",
             "    if cache.wrote:", "    if True:",
             ("tests/ui/test_pyside_support_cache.py",)),
)


def scratch_copy(target: Path) -> None:
    files = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, check=True,
                           capture_output=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source, copy = REPO / name, target / name
        if source.is_file():
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_bytes(source.read_bytes())
    node_modules = REPO / "tests" / "oidc" / "node_modules"  # the OpenID provider's runtime
    if node_modules.is_dir():
        (target / "tests" / "oidc" / "node_modules").symlink_to(node_modules)


def caught(mutation: Mutation) -> bool:
    with tempfile.TemporaryDirectory(prefix="walletdesk-mutation-") as tmp:
        root = Path(tmp)
        scratch_copy(root)
        source = root / mutation.path
        text = source.read_text(encoding="utf-8")
        if mutation.old not in text:
            raise SystemExit(f"{mutation.name}: {mutation.path} no longer holds the text to "
                             "break; bring tests/mutations.py up to date")
        source.write_text(text.replace(mutation.old, mutation.new), encoding="utf-8")
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(root),
               "WALLETDESK_TEST_PACKAGE": "0"}
        result = subprocess.run(
            [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider",
             *mutation.tests], cwd=root, env=env, capture_output=True, text=True, check=False)
        return result.returncode != 0


def main() -> None:
    wanted = sys.argv[1:]
    survivors = []
    for mutation in MUTATIONS:
        if wanted and not any(word in mutation.name for word in wanted):
            continue
        verdict = caught(mutation)
        print(f"{'caught  ' if verdict else 'SURVIVED'} {mutation.name}: {mutation.rule}",
              flush=True)
        if not verdict:
            survivors.append(mutation.name)
    if survivors:
        raise SystemExit(f"no test fails for: {', '.join(survivors)}")


if __name__ == "__main__":
    main()
