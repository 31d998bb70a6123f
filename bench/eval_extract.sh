#!/usr/bin/env bash
# Extraction quality on the hand-annotated dev articles (../shared/eval): precision, recall, F1 and speaker
# accuracy of `nafta-bot extract --json`, per file with -v. Run from anywhere; needs the project installed.
set -euo pipefail
cd "$(dirname "$0")/.."
eval_dir="${NAFTA_EVAL_DIR:-../shared/eval}"
if [[ ! -f "$eval_dir/score.py" ]]; then
  echo "no eval set at $eval_dir (set NAFTA_EVAL_DIR)" >&2
  exit 2
fi
exec python "$eval_dir/score.py" "$@"
