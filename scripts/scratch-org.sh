#!/usr/bin/env bash
# Create a scratch org from your Dev Hub and deploy PRM to it with demo data.
# Needs the Salesforce CLI (sf) authorized to a Dev Hub: sf org login web --set-default-dev-hub
# Usage: scripts/scratch-org.sh [alias] [days]
set -euo pipefail

alias="${1:-prm-scratch}"
days="${2:-7}"
cd "$(dirname "$0")/.."

if ! command -v sf >/dev/null 2>&1; then
  echo "This script needs the Salesforce CLI: npm install --global @salesforce/cli" >&2
  exit 1
fi
sf org create scratch --definition-file config/project-scratch-def.json --alias "$alias" \
  --duration-days "$days" --wait 15
scripts/deploy.sh "$alias" --demo-data
sf org open --target-org "$alias"
