#!/usr/bin/env bash
# Run `.ci/run` the way CI does, but on a fresh Debian 12 instead of this machine: a working
# machine collects packages installed by hand, so a green run here proves little.
#
#   make clean-root-ci              (as root; `apt-get install mmdebstrap` first)
#   tools/clean_root_ci.sh [SHARED]  SHARED: the shared/ folder (default: ../shared)
#
# It builds a minbase bookworm root, gives it this machine's package-index settings (pip's
# configuration, CA certificates, the PIP_*/SSL_CERT_*/... variables) and name resolution,
# clones the committed HEAD of this repository to ROOT/root/w with shared/ beside it
# (read-only, as CI lays it), and runs `CI=true bash .ci/run` there in a chroot with a private
# mount namespace, so its mounts vanish with it. The root is deleted afterwards
# (KEEP_ROOT=1 keeps it).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
shared=${1:-$repo/../shared}

fail() { echo "clean-root-ci: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root: it builds a root file system and chroots into it"
command -v mmdebstrap >/dev/null || fail "mmdebstrap is missing: apt-get install -y mmdebstrap"
[ -d "$shared" ] || fail "no shared/ folder at $shared: pass its path as the first argument"
git -C "$repo" diff --quiet HEAD || echo "clean-root-ci: uncommitted changes are NOT tested" >&2

started=$(date +%s)
root=$(mktemp -d "${TMPDIR:-/var/tmp}/walletdesk-clean-root.XXXXXX")
if [ "${KEEP_ROOT:-0}" = 1 ]; then
  trap 'echo "clean-root-ci: root kept in $root"' EXIT
else
  trap 'rm -rf --one-file-system "$root"' EXIT
fi

echo "clean-root-ci: building a minbase bookworm root in $root"
mmdebstrap --quiet --variant=minbase --include=python3,python3-venv,make,git,ca-certificates \
  bookworm "$root"

# This machine's way to the package registries and its name resolution (not its packages).
for file in /etc/pip.conf /etc/resolv.conf /etc/hosts /etc/ssl/certs/ca-certificates.crt; do
  [ -e "$file" ] && install -D -m 0644 "$(readlink -f "$file")" "$root$file"
done
[ -d /etc/xdg/pip ] && mkdir -p "$root/etc/xdg" && cp -a /etc/xdg/pip "$root/etc/xdg/"
mkdir -p "$root/usr/local/share/ca-certificates"
cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/" 2>/dev/null \
  || true
registry_env=()
while IFS= read -r assignment; do
  registry_env+=("$assignment")
done < <(env | grep -E '^(PIP_[A-Z_]+|SSL_CERT_(FILE|DIR)|REQUESTS_CA_BUNDLE|NODE_EXTRA_CA_CERTS)=')

git clone --quiet --no-hardlinks "$repo" "$root/root/w"
echo "clean-root-ci: testing $(git -C "$root/root/w" log -1 --format='%h %s')"
cp -r "$shared" "$root/root/shared"
chmod -R a-w "$root/root/shared"

status=0
unshare --mount --propagation private sh -c '
  root=$1; shift
  mount --bind "$root" "$root"  # a mount point, so unshare works inside the chroot too
  mount -t proc proc "$root/proc"
  mount --rbind /dev "$root/dev"
  mount -t tmpfs tmpfs "$root/tmp"
  exec chroot "$root" "$@"' sh "$root" \
  env -i HOME=/root CI=true PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  "${registry_env[@]}" bash -c 'cd /root/w && bash .ci/run' </dev/null || status=$?

echo "clean-root-ci: .ci/run exited $status after $(( $(date +%s) - started )) s"
exit "$status"
