#!/usr/bin/env bash
# Deploy the PRM package to an org you have authorized with the Salesforce CLI, assign the admin
# permission set to your user, and check the org. Safe to re-run: the deploy is idempotent and an
# assignment that exists is left alone.
# Usage: scripts/deploy.sh <org-alias> [--demo-data]
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "Usage: $0 <org-alias> [--demo-data]" >&2
  exit 2
fi
alias="$1"
shift
cd "$(dirname "$0")/.."

# Prefer the Salesforce CLI with the plugin linked; fall back to running the plugin directly.
if command -v sf >/dev/null 2>&1 && sf plugins 2>/dev/null | grep -q prm-for-salesforce; then
  prm=(sf prm)
else
  [ -d lib/commands ] || npm run build --silent
  prm=(node bin/run.js prm)
fi

"${prm[@]}" deploy --target-org "$alias" --assign-permsets "$@"
"${prm[@]}" doctor --target-org "$alias"
