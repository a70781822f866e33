# Vault's dev server prints a root token; in CI we use the documented dev value.
vault server -dev -dev-root-token-id=root &
export VAULT_TOKEN=root
