#!/usr/bin/env bash
# One command for the scoring quality table: release build of the harness, then real parsing of
# ../shared/data (Vanetik DOCX, livecareer PDFs) → Redactor → BuiltinModel vs plain BM25.
#   scripts/quality/run.sh [quality|ablate] [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH=/opt/swift/usr/bin:$PATH
MODE=${1:-quality}
DATA=${2:-../shared/data}
swift build -c release --product scoring-quality >/dev/null
exec ./.build/release/scoring-quality "$MODE" "$DATA"
