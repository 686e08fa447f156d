#!/usr/bin/env bash
# shellcheck disable=SC2317  # the helper functions run indirectly, through step()
# Every check Berth has, in order: test environment, generated registries, format, lint, layers (dependency-cruiser),
# unused code (knip), typecheck per layer, unit tests, build,
# packaging config, Electronegativity, integration tests (real engine), end-to-end tests (Chromium, browser mode).
# Keeps going after a failure to collect every result; exits non-zero if anything failed.
#
#   npm test                          # everything
#   REQUIRE_ENGINE=1 npm test         # CI: no engine / missing tools is a failure, not a skip
#   BERTH_TEST_ONLY=unit npm test     # one suite: unit | integration | e2e
#
# Vitest JSON reports land in .test-artifacts/<suite>.json.
set -euo pipefail
cd "$(dirname "$0")/.."

export REQUIRE_ENGINE="${REQUIRE_ENGINE:-0}"
export ELECTRON_SKIP_BINARY_DOWNLOAD="${ELECTRON_SKIP_BINARY_DOWNLOAD:-1}"
ONLY="${BERTH_TEST_ONLY:-}"
ARTIFACTS=.test-artifacts

case "$ONLY" in
  '' | unit | integration | e2e) ;;
  *)
    echo "test.sh: BERTH_TEST_ONLY must be unit, integration or e2e (got '$ONLY')" >&2
    exit 2
    ;;
esac

# Run one step: keep its exit status, never stop the script.
STEPS=()
declare -A STATUS=() SECS=()
step() {
  local name=$1
  shift
  printf '\n==> %s: %s\n' "$name" "$*"
  local start=$SECONDS rc=0
  "$@" || rc=$?
  STEPS+=("$name")
  SECS[$name]=$((SECONDS - start))
  if [[ $rc == 0 ]]; then STATUS[$name]=ok; else STATUS[$name]="FAILED (exit $rc)"; fi
}
wants() { [[ -z "$ONLY" || " $* " == *" $ONLY "* ]]; }

vitest_suite() {
  local suite=$1
  shift
  rm -f "$ARTIFACTS/$suite.json"
  npx --no -- vitest run "$@" --reporter=default --reporter=json --outputFile="$ARTIFACTS/$suite.json"
}

mkdir -p "$ARTIFACTS"

# ---- environment and dependencies ----
if wants integration e2e; then
  step env bash scripts/prepare-test-env.sh
fi

install_deps() {
  if [[ -d node_modules && -f node_modules/.package-lock.json && ! package-lock.json -nt node_modules/.package-lock.json ]]; then
    return 0
  fi
  # The lock file is enforced: npm ci installs exactly what it lists, or fails.
  npm ci --no-audit --no-fund
}
step deps install_deps
if [[ "${STATUS[deps]}" != ok ]]; then
  echo "test.sh: installing dependencies failed; nothing else can run" >&2
  exit 1
fi

# ---- static checks, unit tests, build ----
typecheck_layers() {
  local rc=0
  # Main without the DOM's types, the renderer without Node's, then tests, benchmarks and scripts.
  npx --no -- vue-tsc --noEmit -p tsconfig.main.json || rc=1
  npx --no -- vue-tsc --noEmit -p tsconfig.renderer.json || rc=1
  npx --no -- vue-tsc --noEmit -p tsconfig.json || rc=1
  return $rc
}
if [[ -z "$ONLY" ]]; then
  # The generated lists of domains and features (scripts/gen-registries.ts) match the tree: npm run registries.
  step registries npx --no -- tsx scripts/gen-registries.ts --check
  step format npx --no -- prettier --check --log-level warn .
  step lint npx --no -- eslint --max-warnings 0 .
  step layers npx --no -- depcruise src-shared src-main src-renderer --config .dependency-cruiser.cjs --output-type err
  step unused npx --no -- knip --no-progress
  step typecheck typecheck_layers
fi
if wants unit; then
  step unit vitest_suite unit
fi
if wants e2e; then
  step build npx --no -- electron-vite build
fi
if [[ -z "$ONLY" ]]; then
  step packaging node scripts/check-packaging.mjs
  # Doyensec's Electron scanner over src-main and the build: every medium/high finding explained where it is raised.
  step electronegativity node scripts/electronegativity.mjs
fi

# ---- engine-backed suites ----
if wants integration; then
  step integration vitest_suite integration --config vitest.integration.config.ts
fi
if wants e2e; then
  step e2e vitest_suite e2e --config vitest.e2e.config.ts
fi

# ---- summary ----
printf '\n==> summary\n'
failed=0
suites=()
for name in "${STEPS[@]}"; do
  case "$name" in
    unit | integration | e2e) suites+=("$name") ;;
    *) printf '%-18s %s (%ss)\n' "$name" "${STATUS[$name]}" "${SECS[$name]}" ;;
  esac
  [[ "${STATUS[$name]}" == ok ]] || failed=1
done

# One line per vitest suite, then the totals, from the JSON reports.
suite_args=()
for name in "${suites[@]}"; do suite_args+=("$name=${STATUS[$name]}=${SECS[$name]}"); done
summary_rc=0
node - "$ARTIFACTS" "${suite_args[@]}" <<'EOF' || summary_rc=$?
const fs = require('node:fs')
const path = require('node:path')
const [dir, ...suites] = process.argv.slice(2)
const total = { passed: 0, failed: 0, skipped: 0 }
let broken = false
for (const arg of suites) {
  const [suite, status, secs] = arg.split('=')
  const head = `${suite.padEnd(18)} ${status} (${secs}s):`
  const file = path.join(dir, `${suite}.json`)
  let r
  try {
    r = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    console.log(`${head} no report at ${file} (vitest did not run to completion)`)
    broken = true
    continue
  }
  const passed = r.numPassedTests ?? 0
  const failed = r.numFailedTests ?? 0
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0)
  const fileResults = Array.isArray(r.testResults) ? r.testResults : []
  const files = fileResults.length
  const badFiles = fileResults.filter((f) => f.status === 'failed').length
  total.passed += passed
  total.failed += failed
  total.skipped += skipped
  const extra = badFiles > 0 ? ` (${badFiles} file${badFiles === 1 ? '' : 's'} failed)` : ''
  console.log(`${head} ${passed} passed, ${failed} failed, ${skipped} skipped in ${files} file${files === 1 ? '' : 's'}${extra}`)
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exit(broken ? 1 : 0)
EOF
[[ $summary_rc == 0 ]] || failed=1

exit "$failed"
