# tap.sh - a tiny TAP producer for the shell tests (sourced).
# ok/not_ok/skip print one TAP line each; done_testing prints the plan.
# MEMLENS, FIXTURES, top_srcdir come from the test environment (Makefile.am).
tap_count=0
tap_failed=0
ok() { tap_count=$((tap_count + 1)); echo "ok $tap_count - $*"; }
not_ok() { tap_count=$((tap_count + 1)); tap_failed=$((tap_failed + 1)); echo "not ok $tap_count - $*"; }
skip() { tap_count=$((tap_count + 1)); echo "ok $tap_count - # SKIP $*"; }
diag() { printf '# %s\n' "$@"; }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
done_testing() { echo "1..$tap_count"; [ "$tap_failed" -eq 0 ]; }
: "${MEMLENS:=$(pwd)/memlens}"
: "${FIXTURES:=${top_srcdir:-.}/tests/fixtures}"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/memlens-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
