# Shared by .ci/serve and .ci/test: installs what is missing (and only that),
# prints each step with its duration. Source it from the repository root.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

CARGO_LEPTOS_VERSION="0.3.10"
export PATH="$HOME/.cargo/bin:$ROOT/end2end/node_modules/.bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# Test and lint builds start from a cache or from nothing; incremental
# state would only fill the disk (11 GB per run here).
export CARGO_INCREMENTAL="${CARGO_INCREMENTAL:-0}"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
SITE_ROOT="$ROOT/target/site"
STEP_STARTED=0
STEP_NAME=""

step() {
  step_done
  STEP_NAME="$*"
  STEP_STARTED=$(date +%s)
  printf '\n==> %s\n' "$STEP_NAME"
}

step_done() {
  if [ -n "$STEP_NAME" ]; then
    printf '    (%s: %ss)\n' "$STEP_NAME" "$(( $(date +%s) - STEP_STARTED ))"
    STEP_NAME=""
  fi
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# The wasm-bindgen CLI must be exactly the library version in Cargo.lock.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

ensure_build_tools() {
  step "Rust toolchain: wasm32 target"
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "    already installed"
  else
    rustup target add wasm32-unknown-unknown
  fi

  step "cargo-leptos $CARGO_LEPTOS_VERSION"
  if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
    echo "    already installed"
  else
    # no_downloads: use the wasm-bindgen and wasm-opt found on PATH; its own
    # downloads cannot reach their hosts from these machines.
    cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
  fi

  local wbg
  wbg="$(wasm_bindgen_version)"
  step "wasm-bindgen CLI $wbg"
  if wasm-bindgen --version 2>/dev/null | grep -q " $wbg\b"; then
    echo "    already installed"
  else
    # Not --locked: its own lockfile names a crate version this registry lacks.
    cargo install wasm-bindgen-cli --version "$wbg" --force
  fi

  step "npm packages (wasm-opt from binaryen, Playwright)"
  # Installed when node_modules was made from this very package-lock.json.
  local lock_sum stamp=end2end/node_modules/.installed-from
  lock_sum=$(sha256sum end2end/package-lock.json | cut -d' ' -f1)
  if [ -x end2end/node_modules/.bin/wasm-opt ] && [ -x end2end/node_modules/.bin/playwright ] \
     && [ "$(cat "$stamp" 2>/dev/null)" = "$lock_sum" ]; then
    echo "    already installed"
  else
    (cd end2end && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_sum" > "$stamp"
  fi

  step "brotli (size report)"
  if command -v brotli >/dev/null; then echo "    already installed"; else apt_install brotli; fi
  step_done
}

build_release() {
  step "Build Handoff (release: server + wasm)"
  # --split: routes marked #[lazy_route] become wasm chunks fetched on demand.
  cargo leptos build --release --split
  BIN="$TARGET_DIR/release/handoff-app"
  [ -x "$BIN" ] || { echo "the build did not produce $BIN" >&2; exit 1; }
  step_done
}

# The first page loads the main wasm, the JS glue and the split loader; their
# brotli size is what a person on a slow connection waits for. Lazy routes'
# chunks come later, when their page is opened.
SIZE_LIMIT_BYTES=250000
brotli_size() { brotli -c -q 11 "$1" | wc -c; }
size_report() {
  step "Size report (brotli, initial wasm + JS)"
  local pkg="$SITE_ROOT/pkg" total=0 file br
  for file in "$pkg/handoff.wasm" "$pkg/handoff.js" "$pkg"/__wasm_split*.js; do
    [ -f "$file" ] || continue
    br=$(brotli_size "$file")
    total=$(( total + br ))
    printf '    initial  %-48s %8d B raw %8d B brotli\n' "$(basename "$file")" "$(wc -c < "$file")" "$br"
  done
  for file in "$pkg"/*.wasm; do
    [ "$(basename "$file")" = handoff.wasm ] && continue
    printf '    lazy     %-48s %8d B raw %8d B brotli\n' "$(basename "$file" | cut -c1-48)" "$(wc -c < "$file")" "$(brotli_size "$file")"
  done
  printf '    initial load: %d B brotli (limit %d B)\n' "$total" "$SIZE_LIMIT_BYTES"
  step_done
  if [ "$total" -gt "$SIZE_LIMIT_BYTES" ]; then
    echo "the initial wasm + JS is $total B brotli, over the $SIZE_LIMIT_BYTES B limit" >&2
    return 1
  fi
}
