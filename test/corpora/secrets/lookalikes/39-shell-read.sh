#!/usr/bin/env bash
read -rsp "Vault token: " VAULT_TOKEN
export VAULT_TOKEN
export GITHUB_TOKEN="$(gh auth token)"
export PASSWORD="${PASSWORD:-}"
