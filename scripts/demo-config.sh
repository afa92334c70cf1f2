#!/usr/bin/env bash
# Writes a demo configuration with one integration per bundled ATS profile, and a random secret per
# integration under $DATA/secrets (mode 0600). Existing files are kept, so secrets stay stable.
set -euo pipefail
DATA=${DATA:-./data}
CONFIG=${CONFIG:-$DATA/screener.yaml}
mkdir -p "$DATA/secrets"
chmod 700 "$DATA" "$DATA/secrets"
profiles=$(ls -d webhooks/*/ 2>/dev/null | xargs -n1 basename | sort)
for p in $profiles; do
  f="$DATA/secrets/demo-$p"
  if [ ! -s "$f" ]; then
    umask 077
    if [ "$p" = standard ]; then
      printf 'whsec_%s' "$(openssl rand -base64 32)" > "$f"
    else
      openssl rand -hex 24 | tr -d '\n' > "$f"
    fi
  fi
done
# The development data key (AES-256-GCM for personal data at rest), base64 of 32 random bytes.
if [ ! -s "$DATA/dev.key" ]; then
  (umask 077; openssl rand -base64 32 > "$DATA/dev.key")
  echo "wrote $DATA/dev.key (development data key)"
fi
if [ ! -s "$CONFIG" ]; then
  {
    echo "# Demo configuration written by scripts/demo-config.sh. Secrets are references, never values."
    echo "server: {host: 127.0.0.1, port: 8080}"
    echo "database: {path: $DATA/screener.sqlite}"
    echo "dataKey: file:$DATA/dev.key"
    echo "profilesDirectory: ./webhooks"
    echo "workers: {count: 2}"
    echo "logging: {level: info, format: text}"
    echo "integrations:"
    for p in $profiles; do
      echo "  - name: demo-$p"
      echo "    profile: $p"
      echo "    secrets: [\"file:$DATA/secrets/demo-$p\"]"
    done
  } > "$CONFIG"
  echo "wrote $CONFIG"
fi
