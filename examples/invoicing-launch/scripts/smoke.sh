#!/usr/bin/env bash
# Smoke tests against an environment: health and one invoice round trip.
set -euo pipefail
env="${1:?usage: smoke.sh ENVIRONMENT}"
echo "smoke tests against $env"
curl -fsS "${APP_URL:?set APP_URL}/api/health" >/dev/null
