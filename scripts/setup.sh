#!/usr/bin/env bash
# Everything a fresh machine needs: Node packages, the build, a browser and the CDN libraries.
# Chrome comes from wherever it is found first (CHROME_PATH, puppeteer's cache, the system); else
# puppeteer's own download is tried; else, as root with apt, Debian's chromium is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
# onnxruntime-node (the CLIP encoder's runtime) would fetch its CUDA provider from NuGet, outside the npm
# registry; CPU is bundled. For CUDA, set ONNXRUNTIME_NODE_INSTALL=cuda12 on a machine that reaches NuGet.
export ONNXRUNTIME_NODE_INSTALL="${ONNXRUNTIME_NODE_INSTALL:-skip}"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run --silent build
node bin/web2code-eval.js setup browser
# The CDN libraries model output loads (pinned, from the npm registry); with no registry it says so
# in one line, and runs render without them.
node bin/web2code-eval.js setup libraries || true
