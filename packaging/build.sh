#!/usr/bin/env bash
# Build the Linux bundle from packaging/continuum.spec and smoke-test it.
#
#   bash packaging/build.sh
#
# Makes a fresh virtual environment under build/, installs the project's dependencies and
# PyInstaller there (PyInstaller is a build tool, not a dependency of the project), builds
# dist/Continuum/, then checks the bundle as a user would meet it:
#   1. the headless command writes a board paper (PDF) and a workbook (xlsx) for a sample case;
#   2. the app starts under a virtual display (Xvfb) and stays up.
# Slow (a minute or two), so .ci/run does not run it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=build/venv
DIST=dist/Continuum
BIN=$DIST/continuum
SMOKE=build/smoke
GUI_SECONDS=8

say() { printf '\n== %s\n' "$*"; }

say "Fresh build environment in $VENV"
rm -rf "$VENV" build/continuum "$DIST" "$SMOKE"
python3 -m venv "$VENV"
PY=$VENV/bin/python
"$PY" -m pip install -q --upgrade pip
# The project's own dependencies, read from pyproject.toml, so the bundle uses this source tree.
mapfile -t DEPS < <("$PY" - <<'EOF'
import tomllib
with open("pyproject.toml", "rb") as fh:
    print("\n".join(tomllib.load(fh)["project"]["dependencies"]))
EOF
)
"$PY" -m pip install -q "${DEPS[@]}" "pyinstaller>=6.10"
"$PY" -m pip list 2>/dev/null | grep -i -E '^(pyinstaller|pyside6|matplotlib|reportlab) ' || true

say "Building the bundle"
start=$(date +%s)
"$VENV/bin/pyinstaller" --noconfirm --log-level WARN \
  --workpath build --distpath dist packaging/continuum.spec
echo "built in $(( $(date +%s) - start )) s"
[ -x "$BIN" ] || { echo "FAIL: $BIN was not built"; exit 1; }

mkdir -p "$SMOKE"
CASE=$(ls sample_cases/*.json 2>/dev/null | head -n 1 || true)
if [ -z "$CASE" ]; then
  CASE=tests/data/small-case.json
fi
echo "sample case: $CASE"
# Run from an empty folder so the bundle cannot lean on the source tree.
CASE_ABS=$ROOT/$CASE
OUT=$ROOT/$SMOKE
# A home of its own, so the smoke tests leave no settings, caches or autosaves behind.
mkdir -p "$OUT/home"
OWN_HOME=(HOME="$OUT/home" XDG_CONFIG_HOME="$OUT/home/.config" XDG_CACHE_HOME="$OUT/home/.cache"
          XDG_DATA_HOME="$OUT/home/.local/share" XDG_STATE_HOME="$OUT/home/.local/state")

has_module() { "$PY" -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('$1') is None)" \
                 2>/dev/null; }
check_file() {  # path, magic bytes, smallest plausible size, what it is
  local path=$1 magic=$2 min=$3 what=$4 size head
  [ -f "$path" ] || { echo "FAIL: no $what written"; return 1; }
  size=$(stat -c %s "$path")
  head=$(head -c "${#magic}" "$path")
  [ "$head" = "$magic" ] || { echo "FAIL: $what does not start with $magic"; return 1; }
  [ "$size" -ge "$min" ] || { echo "FAIL: $what is only $size bytes"; return 1; }
  echo "ok: $what $(basename "$path"), $size bytes, starts with $magic"
}

say "Smoke test 1: the headless command"
args=(appraise "$CASE_ABS" --json "$OUT/results.json")
want_pdf=0; want_xlsx=0
if (cd "$ROOT" && has_module appraisal.report.pdf); then
  args+=(--pdf "$OUT/board-paper.pdf"); want_pdf=1
else
  echo "skip: the board paper writer (appraisal.report.pdf) is not in this tree yet"
fi
if (cd "$ROOT" && has_module appraisal.report.workbook); then
  args+=(--xlsx "$OUT/model.xlsx"); want_xlsx=1
else
  echo "skip: the workbook writer (appraisal.report.workbook) is not in this tree yet"
fi
start=$EPOCHREALTIME
status=0
(cd "$OUT" && env -u PYTHONPATH "${OWN_HOME[@]}" "$ROOT/$BIN" "${args[@]}") 2> "$OUT/headless.err" \
  || status=$?
if [ "$status" != 0 ]; then
  echo "FAIL: the headless command exited with status $status"; cat "$OUT/headless.err"; exit 1
fi
echo "headless command took $(awk "BEGIN {printf \"%.1f\", $EPOCHREALTIME - $start}") s"
check_file "$OUT/results.json" "{" 1000 "results JSON"
[ "$want_pdf" = 1 ] && check_file "$OUT/board-paper.pdf" "%PDF" 10000 "board paper"
[ "$want_xlsx" = 1 ] && check_file "$OUT/model.xlsx" "PK" 5000 "workbook"
"$ROOT/$BIN" --version

say "Smoke test 2: the app starts and stays up for ${GUI_SECONDS} s"
if ! (cd "$ROOT" && has_module ui.app); then
  echo "skip: the app (ui.app) is not in this tree yet"
elif ! command -v xvfb-run >/dev/null; then
  echo "skip: xvfb-run is not installed (apt-get install xvfb xauth)"
else
  status=0
  (cd "$OUT" && env -u QT_QPA_PLATFORM "${OWN_HOME[@]}" \
     xvfb-run -a timeout "$GUI_SECONDS" "$ROOT/$BIN" "$CASE_ABS") \
     > "$OUT/gui.out" 2> "$OUT/gui.err" || status=$?
  if grep -q "Traceback" "$OUT/gui.err"; then
    echo "FAIL: the app stayed up but reported an error"
    cat "$OUT/gui.err"
    exit 1
  elif [ "$status" = 124 ]; then
    echo "ok: the app was still running after ${GUI_SECONDS} s (stopped by the test)"
  else
    echo "FAIL: the app exited after less than ${GUI_SECONDS} s with status $status"
    cat "$OUT/gui.err"
    exit 1
  fi
fi

say "Bundle"
du -sh "$DIST"
echo "PASS: $DIST built and smoke-tested"
