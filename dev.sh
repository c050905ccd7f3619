#!/usr/bin/env bash
# Journeymap developer entry point.  Sets up .venv on first use (and again
# whenever pyproject.toml changes), then:
#   ./dev.sh editor [FILE]   open the editor (default: a copy of the bundled sample
#                            map in out/, so that saving never touches the tracked one)
#   ./dev.sh test [ARGS]     run the whole test suite (ruff, then pytest)
#   ./dev.sh bench [ARGS]    run the benchmarks (bench/run.py)
#   ./dev.sh jm ARGS         run the journeymap command
set -euo pipefail
cd "$(dirname "$0")"

pick_python() {
    # PySide6 6.12.0 crashes on 3.11, pyproject pins <6.12 there; any >=3.11 works.
    for py in "${PYTHON:-}" python3.11 python3.12 python3.13 python3; do
        [ -n "$py" ] || continue
        if command -v "$py" >/dev/null 2>&1 &&
           "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
            echo "$py"; return
        fi
    done
    echo "journeymap: error: Python 3.11 or newer is needed" >&2; exit 2
}

setup() {
    local stamp=.venv/.installed
    local want
    want="$(sha1sum pyproject.toml | cut -d' ' -f1)"
    if [ ! -x .venv/bin/python ]; then
        "$(pick_python)" -m venv .venv
    fi
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        .venv/bin/python -m pip install -q --upgrade pip
        .venv/bin/python -m pip install -q -e ".[test]"
        echo "$want" > "$stamp"
    fi
    if ! QT_QPA_PLATFORM=offscreen .venv/bin/python -c 'import PySide6.QtWidgets' 2>/dev/null; then
        # Qt needs a few shared libraries that minimal machines lack.
        if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
            apt-get update -qq && apt-get install -y -qq libegl1 libgl1 libxkbcommon0 \
                libfontconfig1 libdbus-1-3 libxcb-cursor0 libxkbcommon-x11-0 \
                libxcb-icccm4 libxcb-keysyms1 >/dev/null
        fi
    fi
}

# The sample map to open: an untracked copy (out/ is git-ignored), made on
# first use, so that Save in the editor never changes resources/sample.journey.
sample_copy() {
    local copy=out/sample.journey
    if [ ! -e "$copy" ]; then
        mkdir -p out
        cp resources/sample.journey "$copy"
        chmod u+w "$copy"
    fi
    echo "$copy"
}

cmd="${1:-editor}"; shift || true
setup
case "$cmd" in
    editor) exec .venv/bin/journeymap "${1:-$(sample_copy)}" "${@:2}" ;;
    test)   .venv/bin/ruff check app tests bench
            exec .venv/bin/python -m pytest "$@" ;;
    bench)  exec .venv/bin/python bench/run.py "$@" ;;
    jm)     exec .venv/bin/journeymap "$@" ;;
    *)      echo "usage: ./dev.sh editor|test|bench|jm" >&2; exit 2 ;;
esac
