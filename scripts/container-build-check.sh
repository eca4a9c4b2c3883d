#!/usr/bin/env bash
# Proves without Docker what cdk/container/service.Dockerfile does for one service.
#
#   scripts/container-build-check.sh <service> [--arm64] [--keep] [--fresh-store] [--local-node] [--run-seconds N]
#
# 1. Copies the build context (the repository's tracked and untracked, not git-ignored files, less
#    what .dockerignore leaves out) into a temporary folder.
# 2. Runs the RUN steps of the Dockerfile's build stage there, read from the Dockerfile itself
#    (its paths /repo, /out and /pnpm/store mapped to temporary ones; pnpm is installed by npm into a
#    temporary prefix, as the Dockerfile does it), under the Node major of the image's base tag
#    (the official binary, from the npm registry's node-linux-<arch> package, when this machine's
#    node is another major).
# 3. Checks the deployed folder: every workspace package in it has the files its "exports" point
#    at, and the lockfile holds the linux-arm64 glibc build of every native package deployed.
# 4. Starts `node dist/main.js` there as the runtime stage does: NODE_ENV=production, no AWS endpoint,
#    AWS_REGION=eu-west-3, no credentials; without any network (own network namespace, loopback
#    only) and, when run as root, as an unprivileged user (uid 1000, as the image's `node` user).
#    It cannot reach AWS: the check passes when the output shows it got that far (a credentials or
#    connection error, or still running), and fails on a module-loading error (module not found,
#    syntax error, missing export target, native binding, missing data file).
# 5. For the services with worker threads or native code (ocr, pdf-inspector, image-normalizer),
#    runs a probe in the deployed folder that exercises them on a generated input.
#
# --arm64 runs steps 4 and 5 on linux-arm64 as the Fargate task does, under user-mode emulation:
# the arm64 Node binary, with the arm64 builds of the native packages (pnpm is told to install them
# besides this machine's, in the temporary copy's pnpm-workspace.yaml only). It needs qemu-aarch64
# and an arm64 glibc (Debian: apt-get install qemu-user libc6-arm64-cross libstdc++6-arm64-cross).
# --keep leaves the temporary folder; --fresh-store installs from the registry into an empty pnpm
# store, as a first image build does. Exit status 0 when every step passes.

set -euo pipefail

die() { echo "container-build-check: $*" >&2; exit 2; }
say() { printf '\n== %s\n' "$*"; }

SERVICE=""
ARM64=false
KEEP=false
FRESH_STORE=false
LOCAL_NODE=false
RUN_SECONDS=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --arm64) ARM64=true ;;
    --keep) KEEP=true ;;
    --fresh-store) FRESH_STORE=true ;;
    --local-node) LOCAL_NODE=true ;;
    --run-seconds) RUN_SECONDS="${2:?}"; shift ;;
    -h|--help) sed -n '2,/^$/p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) [[ -z "$SERVICE" ]] || die "one service at a time"; SERVICE="$1" ;;
  esac
  shift
done
[[ -n "$SERVICE" ]] || die "usage: $0 <service> [--arm64] [--keep] [--fresh-store] [--local-node] [--run-seconds N]"
if $ARM64; then RUN_SECONDS="${RUN_SECONDS:-120}"; PROBE_SECONDS=900; else RUN_SECONDS="${RUN_SECONDS:-25}"; PROBE_SECONDS=120; fi

ROOT="$(git -C "$(dirname "${BASH_SOURCE[0]}")" rev-parse --show-toplevel)"
DOCKERFILE="$ROOT/cdk/container/service.Dockerfile"
[[ -f "$DOCKERFILE" ]] || die "no $DOCKERFILE"
[[ -f "$ROOT/services/$SERVICE/src/main.ts" ]] || die "services/$SERVICE/src/main.ts not found"
ARM64_SYSROOT=/usr/aarch64-linux-gnu
if $ARM64; then
  command -v qemu-aarch64 >/dev/null || die "--arm64 needs qemu-aarch64 (Debian: apt-get install qemu-user)"
  [[ -e "$ARM64_SYSROOT/lib/ld-linux-aarch64.so.1" && -e "$ARM64_SYSROOT/lib/libstdc++.so.6" ]] ||
    die "--arm64 needs an arm64 glibc in $ARM64_SYSROOT (Debian: apt-get install libc6-arm64-cross libstdc++6-arm64-cross)"
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/container-check-$SERVICE.XXXXXX")"
chmod 755 "$WORK"
cleanup() {
  if $KEEP; then echo "kept: $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
CONTEXT="$WORK/repo"
OUT="$WORK/out"
PREFIX="$WORK/npm-global"
if $FRESH_STORE; then STORE="$WORK/pnpm-store"; else STORE="${XDG_DATA_HOME:-$HOME/.local/share}/pnpm/store"; fi
mkdir -p "$CONTEXT" "$PREFIX"

# ---------------------------------------------------------------------------------------------
say "Node of the image"
BASE_IMAGE="$(sed -n 's/^ARG NODE_IMAGE=//p' "$DOCKERFILE" | head -n 1)"
IMAGE_NODE_MAJOR="$(sed -n 's/.*node:\([0-9][0-9]*\).*/\1/p' <<<"$BASE_IMAGE")"
[[ -n "$IMAGE_NODE_MAJOR" ]] || die "cannot read the Node major from the base image '$BASE_IMAGE'"
NODE_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/ndf-container-check"
NODE_VERSION=""
official_node() { # arch (x64|arm64) -> the folder holding that arch's `node`, of the image's major
  local arch="$1" dir tarball
  if [[ -z "$NODE_VERSION" ]]; then
    NODE_VERSION="$(npm view "node-linux-$arch@$IMAGE_NODE_MAJOR" version --json | node -e 'const v = JSON.parse(require("fs").readFileSync(0, "utf8")); console.log([].concat(v).pop())')"
  fi
  dir="$NODE_CACHE/node-$NODE_VERSION-linux-$arch/bin"
  if [[ ! -x "$dir/node" ]]; then
    mkdir -p "$NODE_CACHE/download" "$dir"
    tarball="$(cd "$NODE_CACHE/download" && npm pack --silent "node-linux-$arch@$NODE_VERSION" | tail -n 1)"
    tar -xzf "$NODE_CACHE/download/$tarball" -C "$dir" --strip-components=2 package/bin/node
    rm -f "$NODE_CACHE/download/$tarball"
  fi
  echo "$dir"
}
case "$(uname -m)" in x86_64) HOST_ARCH=x64 ;; aarch64) HOST_ARCH=arm64 ;; *) die "unsupported machine $(uname -m)" ;; esac
NODE_BIN_DIR=""
if [[ "$(node -p 'process.versions.node.split(".")[0]')" != "$IMAGE_NODE_MAJOR" ]] && ! $LOCAL_NODE; then
  NODE_BIN_DIR="$(official_node "$HOST_ARCH")"
fi
STEP_PATH="$PREFIX/bin:${NODE_BIN_DIR:+$NODE_BIN_DIR:}$PATH"
NODE="$(PATH="$STEP_PATH" command -v node)"
echo "image: $BASE_IMAGE; build steps here: node $("$NODE" --version) ($HOST_ARCH)"

# ---------------------------------------------------------------------------------------------
say "Build context"
(
  cd "$ROOT"
  git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [[ -f "$f" ]] && printf '%s\0' "$f"; done >"$WORK/candidates"
  # .dockerignore's patterns, all rooted or **/-prefixed, mean the same to git as to Docker.
  git -c core.excludesFile="$ROOT/.dockerignore" check-ignore --no-index --stdin -z <"$WORK/candidates" >"$WORK/excluded" || true
  "$NODE" -e '
    const fs = require("fs");
    const split = (file) => fs.readFileSync(file, "utf8").split("\0").filter(Boolean);
    const excluded = new Set(split(process.argv[2]));
    fs.writeFileSync(process.argv[3], split(process.argv[1]).filter((f) => !excluded.has(f)).map((f) => f + "\0").join(""));
  ' "$WORK/candidates" "$WORK/excluded" "$WORK/context-files"
  tar --null -T "$WORK/context-files" -cf - | tar -xf - -C "$CONTEXT"
)
echo "$(tr -cd '\0' <"$WORK/context-files" | wc -c) files, $(du -sh "$CONTEXT" | cut -f1)"
[[ -f "$CONTEXT/cdk/container/service.Dockerfile" ]] || die "the Dockerfile is not in the build context (the CDK stages the context with it)"
if $ARM64; then
  # On an arm64 builder pnpm picks the arm64 builds by itself; here it is told to add them.
  printf '\nsupportedArchitectures:\n  os: [current, linux]\n  cpu: [current, arm64]\n  libc: [current, glibc]\n' >>"$CONTEXT/pnpm-workspace.yaml"
  echo "(--arm64: the copy's pnpm-workspace.yaml also asks for the linux-arm64 glibc builds)"
fi

# ---------------------------------------------------------------------------------------------
say "Build stage of $(realpath --relative-to="$ROOT" "$DOCKERFILE"), SERVICE=$SERVICE"
# The build stage's instructions, one a line (continuations joined, comments dropped).
STEPS="$WORK/build-stage"
awk '
  /^[[:space:]]*#/ { next }
  { line = line $0 }
  /\\[[:space:]]*$/ { sub(/\\[[:space:]]*$/, "", line); next }
  { if (line ~ /[^[:space:]]/) print line; line = "" }
' "$DOCKERFILE" | awk 'toupper($1) == "FROM" { in_build = (tolower($0) ~ / as build[[:space:]]*$/); next } in_build' >"$STEPS"
[[ -s "$STEPS" ]] || die "no build stage ('FROM ... AS build') in the Dockerfile"

map_paths() {
  perl -pe '
    BEGIN { ($repo, $out, $store) = @ARGV; @ARGV = () }
    s{(?<![\w./-])/pnpm/store(?=[/\s"\x27]|$)}{$store}g;
    s{(?<![\w./-])/out(?=[/\s"\x27]|$)}{$out}g;
    s{(?<![\w./-])/repo(?=[/\s"\x27]|$)}{$repo}g;
  ' "$CONTEXT" "$OUT" "$STORE"
}

declare -A STEP_ENV=([SERVICE]="$SERVICE" [NPM_CONFIG_PREFIX]="$PREFIX" [PATH]="$STEP_PATH")
while IFS= read -r instruction; do
  keyword="${instruction%%[[:space:]]*}"
  rest="${instruction#"$keyword"}"
  rest="${rest#"${rest%%[![:space:]]*}"}"
  case "${keyword^^}" in
    ARG)
      name="${rest%%=*}"
      if [[ "$name" != SERVICE && "$rest" == *=* ]]; then STEP_ENV[$name]="${rest#*=}"; fi ;;
    ENV)
      for pair in $rest; do [[ "$pair" == *=* ]] || die "unsupported ENV form: $instruction"; STEP_ENV[${pair%%=*}]="${pair#*=}"; done ;;
    WORKDIR)
      [[ "$rest" == /repo ]] || die "the check maps the build stage's WORKDIR /repo only, not: $instruction" ;;
    COPY)
      [[ "$rest" != *--from* ]] || die "unsupported COPY --from in the build stage: $instruction"
      echo "# $instruction  (the context copy already holds it)" ;;
    LABEL) ;;
    RUN)
      command="$(sed -E 's/^(--[a-z]+=[^[:space:]]+[[:space:]]+)+//' <<<"$rest" | map_paths)"
      echo "\$ $command"
      env_args=()
      for name in "${!STEP_ENV[@]}"; do env_args+=("$name=${STEP_ENV[$name]}"); done
      if ! (cd "$CONTEXT" && env "${env_args[@]}" sh -c "$command") >"$WORK/step.log" 2>&1; then
        tail -n 40 "$WORK/step.log"
        echo "FAIL: build step failed: $instruction" >&2
        exit 1
      fi
      { grep -v -E '^Progress: |^\s*$' "$WORK/step.log" || true; } | tail -n 12 | sed 's/^/    /' ;;
    *) die "unsupported instruction in the build stage: $instruction" ;;
  esac
done <"$STEPS"
[[ -f "$OUT/dist/main.js" ]] || { echo "FAIL: no dist/main.js in the deployed folder" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------
say "Deployed folder"
echo "$(du -sh "$OUT" | cut -f1), $(find "$OUT/node_modules/.pnpm" -mindepth 1 -maxdepth 1 | wc -l) packages in node_modules/.pnpm"
"$NODE" --input-type=module - "$OUT" "$CONTEXT/pnpm-lock.yaml" "$ARM64" <<'JS'
import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
const [out, lockfile, arm64Deployed] = process.argv.slice(2);
let failed = false;

// Every workspace package deployed (the service and each @ndf/* copy): its "exports" targets, under
// the conditions the runtime resolves (no "development"), must exist.
const manifests = [join(out, 'package.json')];
for (const entry of readdirSync(join(out, 'node_modules/.pnpm'))) {
  if (!entry.startsWith('@ndf+')) continue;
  const scopeDir = join(out, 'node_modules/.pnpm', entry, 'node_modules/@ndf');
  for (const name of readdirSync(scopeDir)) manifests.push(join(realpathSync(join(scopeDir, name)), 'package.json'));
}
const targets = (value) => (typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.entries(value).filter(([condition]) => condition !== 'development' && condition !== 'types').flatMap(([, v]) => targets(v)) : []);
for (const manifest of new Set(manifests)) {
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
  const exported = pkg.exports ?? pkg.main ?? 'index.js';
  const map = typeof exported === 'object' && Object.keys(exported).every((key) => key.startsWith('.')) ? exported : { '.': exported };
  const missing = [];
  let count = 0;
  for (const [subpath, value] of Object.entries(map)) {
    for (const target of targets(value)) {
      count++;
      if (!existsSync(join(dirname(manifest), target))) missing.push(`${subpath} -> ${target}`);
    }
  }
  if (missing.length) failed = true;
  console.log(`${missing.length ? 'FAIL' : 'ok  '} ${pkg.name}: ${count - missing.length}/${count} export targets present${missing.length ? `; missing: ${missing.join(', ')}` : ''}`);
}

// Native packages: for each one pnpm deployed for linux-x64 (this machine), the lockfile must hold
// its linux-arm64 glibc counterpart, or the arm64 image would lack it (and, with --arm64, it must
// have been deployed too).
const lock = readFileSync(lockfile, 'utf8');
const deployed = readdirSync(join(out, 'node_modules/.pnpm'));
const natives = deployed.filter((entry) => /-linux-x64(-gnu)?@/.test(entry));
for (const entry of natives) {
  const [, scope, name, version] = /^(?:(@[^+]+)\+)?(.+)@([^@_]+)/.exec(entry) ?? [];
  const arm64Name = name.replace(/-linux-x64/, '-linux-arm64');
  const arm64 = `${scope ? `${scope}/` : ''}${arm64Name}@${version}`;
  const inLock = lock.includes(`\n  '${arm64}':\n`) || lock.includes(`\n  ${arm64}:\n`);
  const inOut = deployed.some((other) => other.startsWith(`${scope ? `${scope}+` : ''}${arm64Name}@${version}`));
  const ok = inLock && (arm64Deployed !== 'true' || inOut);
  if (!ok) failed = true;
  console.log(`${ok ? 'ok  ' : 'FAIL'} lockfile ${inLock ? 'has' : 'LACKS'} ${arm64}${arm64Deployed === 'true' ? `, ${inOut ? 'deployed' : 'NOT deployed'}` : ''} (counterpart of ${entry})`);
}
if (natives.length === 0) console.log('ok   no native package deployed');
process.exit(failed ? 1 : 0);
JS

# ---------------------------------------------------------------------------------------------
# How the runtime stage runs it: in the deployed folder, NODE_ENV=production, a fresh temporary
# folder, no network, and, when this script runs as root, as an unprivileged user (uid 1000, as the
# image's `node` user).
RUN_HOME="$WORK/home"
RUN_TMP="$WORK/tmp"
RUN_BIN="$WORK/bin"
mkdir -p "$RUN_HOME" "$RUN_TMP" "$RUN_BIN"
chmod 1777 "$RUN_TMP"
if $ARM64; then
  cp "$(official_node arm64)/node" "$RUN_BIN/node-arm64"
  printf '#!/bin/sh\nexec qemu-aarch64 -L %s "%s" "$@"\n' "$ARM64_SYSROOT" "$RUN_BIN/node-arm64" >"$RUN_BIN/node"
  chmod 755 "$RUN_BIN/node"
else
  cp "$NODE" "$RUN_BIN/node" # where the unprivileged user can run it
fi
run_in_container_like() { # command...
  local env_args=(PATH="$RUN_BIN:/usr/bin:/bin" HOME="$RUN_HOME" TMPDIR="$RUN_TMP" NODE_ENV=production AWS_REGION=eu-west-3 AWS_EC2_METADATA_DISABLED=true)
  local as_user=()
  if [[ "$(id -u)" == 0 ]] && command -v setpriv >/dev/null; then
    chown 1000:1000 "$RUN_HOME"
    as_user=(setpriv --reuid=1000 --regid=1000 --clear-groups)
  fi
  local no_network=()
  if command -v unshare >/dev/null && unshare --net true 2>/dev/null; then
    no_network=(unshare --net sh -c 'ip link set lo up 2>/dev/null || true; exec "$@"' sh)
  else
    echo "(no network namespace available: relying on AWS_EC2_METADATA_DISABLED and the absence of credentials)" >&2
  fi
  (cd "$OUT" && "${no_network[@]}" env -i "${env_args[@]}" "${as_user[@]}" "$@")
}

# A log's first lines, less the AWS SDK's notice about Node versions.
show_log() {
  { grep -v -E 'NodeVersionSupportWarning|versions published after|will require node|To continue receiving|and security updates|More information can be found|Use `node --trace-warnings|^\s*$' "$1" || true; } | sed -n '1,25s/^/    /p'
}

BROKEN='ERR_MODULE_NOT_FOUND|ERR_PACKAGE_PATH_NOT_EXPORTED|ERR_PACKAGE_IMPORT_NOT_DEFINED|ERR_UNSUPPORTED_DIR_IMPORT|ERR_UNKNOWN_FILE_EXTENSION|ERR_REQUIRE_ESM|ERR_REQUIRE_ASYNC_MODULE|ERR_DLOPEN_FAILED|ERR_INVALID_PACKAGE_(CONFIG|TARGET)|ERR_WORKER_|Cannot find module|Cannot find package|SyntaxError|ReferenceError|Could not load the "sharp" module|Cannot find native binding|TrainedDataMissingError|ENOENT|EACCES|EROFS'
REACHED_AWS='CredentialsProviderError|Could not load credentials|getaddrinfo|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|ECONNREFUSED|UnknownEndpoint|TimeoutError|"event":"started"'

RUN_PLATFORM="$(run_in_container_like node -p 'process.version + " " + process.platform + "-" + process.arch + " glibc " + process.report.getReport().header.glibcVersionRuntime')"
say "Start: node dist/main.js (node $RUN_PLATFORM, uid $(run_in_container_like id -u), ${RUN_SECONDS}s at most)"
if ! $LOCAL_NODE && [[ "$RUN_PLATFORM" != "v$IMAGE_NODE_MAJOR."* ]]; then echo "FAIL: runs on node $RUN_PLATFORM, the image has node $IMAGE_NODE_MAJOR" >&2; exit 1; fi
set +e
run_in_container_like timeout --signal=TERM --kill-after=5 "$RUN_SECONDS" node dist/main.js >"$WORK/run.log" 2>&1
status=$?
set -e
show_log "$WORK/run.log"
verdict=""
if grep -q -E "$BROKEN" "$WORK/run.log"; then
  verdict="FAIL: the image would be broken: $(grep -o -E "$BROKEN" "$WORK/run.log" | head -n 1) (exit $status)"
elif [[ $status == 124 || $status == 137 ]]; then
  verdict="ok: still running after ${RUN_SECONDS}s (past module loading)"
elif grep -q -E "$REACHED_AWS" "$WORK/run.log"; then
  verdict="ok: past module loading, stopped at AWS: $(grep -o -E "$REACHED_AWS" "$WORK/run.log" | head -n 1) (exit $status)"
else
  verdict="FAIL: exit $status without a sign that it got past module loading"
fi
echo "$verdict"
[[ "$verdict" == ok* ]] || exit 1

# ---------------------------------------------------------------------------------------------
# Probes: what the start-up above may not reach before it stops at AWS (worker threads, native
# bindings, trained data, wasm), exercised through the service's own exports.
probe=""
# shellcheck disable=SC2016 # the probes are JavaScript, their ${...} are its own
case "$SERVICE" in
  ocr) probe='
    import sharp from "sharp";
    const { createOcrEngine } = await import("@ndf/ocr/engine");
    const engine = await createOcrEngine({ workers: 1 });
    const bars = Array.from({ length: 6 }, (_, i) => `<rect x="${30 + i * 60}" y="40" width="30" height="40" fill="#000"/>`).join("");
    const image = await sharp(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120"><rect width="400" height="120" fill="#fff"/>${bars}</svg>`)).png().toBuffer();
    const page = await engine.recognize(image);
    await engine.close();
    console.log(JSON.stringify({ probe: "ocr", arch: process.arch, sharp: sharp.versions.sharp, vips: sharp.versions.vips, workers: engine.workers, languages: page.languages, width: page.width, height: page.height, words: page.words.length }));
  ' ;;
  pdf-inspector) probe='
    import { PDFDocument, StandardFonts } from "pdf-lib";
    const { PdfInspector } = await import("@ndf/pdf-inspector/lib");
    const doc = await PDFDocument.create();
    const page = doc.addPage([300, 200]);
    page.drawText("TOTAL 12,34 EUR", { x: 20, y: 100, size: 18, font: await doc.embedFont(StandardFonts.Helvetica) });
    const inspector = new PdfInspector({ workers: 1 });
    await inspector.warmUp();
    const result = await inspector.inspect(await doc.save(), { rasterise: "all" });
    await inspector.close();
    if (result.outcome !== "inspected") throw new Error(`refused: ${result.code} ${result.detail}`);
    console.log(JSON.stringify({ probe: "pdf-inspector", arch: process.arch, kind: result.kind, pages: result.pageCount, text: result.text, rasters: result.rasters.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Uint8Array ? `${v.length} bytes` : v]))) }));
  ' ;;
  image-normalizer) probe='
    import sharp from "sharp";
    const { normaliseImage } = await import("@ndf/image-normalizer/lib");
    await import("heic-decode");
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#c33" } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const result = await normaliseImage(jpeg);
    if (result.outcome !== "normalised") throw new Error(`refused: ${result.code} ${result.detail}`);
    console.log(JSON.stringify({ probe: "image-normalizer", arch: process.arch, sharp: sharp.versions.sharp, vips: sharp.versions.vips, source: result.source, pages: result.pages.length, thumbnails: result.thumbnails.map((t) => t.side) }));
  ' ;;
esac
if [[ -n "$probe" ]]; then
  say "Probe in the deployed folder: $SERVICE"
  printf '%s\n' "$probe" >"$OUT/.container-check-probe.mjs"
  set +e
  run_in_container_like timeout --kill-after=5 "$PROBE_SECONDS" node .container-check-probe.mjs >"$WORK/probe.log" 2>&1
  status=$?
  set -e
  rm -f "$OUT/.container-check-probe.mjs"
  show_log "$WORK/probe.log"
  if [[ $status != 0 ]]; then echo "FAIL: the probe exited $status"; exit 1; fi
  echo "ok: probe passed"
fi

say "PASS: $SERVICE$($ARM64 && echo ' (linux-arm64, emulated)')"
