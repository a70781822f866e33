/**
 * True credentials: 38 kinds, each placed in at least two file formats the way people really leak
 * them (source, YAML, JSON, .env, shell, Dockerfile, Markdown, JSONL logs, .npmrc/.pypirc/INI,
 * Terraform, PEM in YAML block scalars and in escaped `\n` strings). Values come from synthetic.ts.
 */
import { ALNUM, B64, B64URL, BECH32, HEX, LOWER_NUM, UPPER_NUM, base64Of, drawFrom, password, pemBlock, rng, type Draw } from './synthetic.js';

export interface CorpusFile {
  /** Unique id, also the file's name in the materialised tree. */
  file: string;
  /** Bytes for the binary files (binary.ts). */
  text: string | Uint8Array;
  label: 'secret' | 'lookalike';
  kind: string;
  /** The credential itself (secrets only), so tests can prove no output holds it. */
  secret?: string;
}

/** A corpus file written as text (every file but the binary ones). */
export type TextCorpusFile = CorpusFile & { text: string };

type Place = (value: string) => { file: string; text: string };

interface Kind {
  kind: string;
  value: (draw: Draw) => string;
  places: Place[];
}

const escapedNewlines = (pem: string) => pem.replace(/\n/g, '\\n');
const indent = (text: string, by: string) => text.split('\n').map((l) => by + l).join('\n');

const KINDS: Kind[] = [
  {
    kind: 'aws-access-key-id',
    value: (d) => `AKIA${d(UPPER_NUM, 16)}`,
    places: [
      (v) => ({ file: 'upload/s3-client.ts', text: `import { S3Client } from '@aws-sdk/client-s3';\n\nexport const s3 = new S3Client({\n  region: 'eu-west-1',\n  credentials: { accessKeyId: '${v}', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY! },\n});\n` }),
      (v) => ({ file: 'deploy/backup-cron.yaml', text: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: nightly-backup\nspec:\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n            - name: backup\n              image: registry.internal/backup:1.4\n              env:\n                - name: AWS_ACCESS_KEY_ID\n                  value: ${v}\n` }),
    ],
  },
  {
    kind: 'aws-secret-access-key',
    value: (d) => d(B64, 40),
    places: [
      (v) => ({ file: 'ops/aws-credentials.ini', text: `[default]\nregion = us-east-1\naws_secret_access_key = ${v}\n` }),
      (v) => ({ file: 'etl/settings.py', text: `import os\n\nBUCKET = "warehouse-exports"\nAWS_SECRET_ACCESS_KEY = "${v}"\nAWS_REGION = os.environ.get("AWS_REGION", "eu-central-1")\n` }),
      (v) => ({ file: 'infra/.env.production', text: `AWS_REGION=eu-central-1\nAWS_SECRET_ACCESS_KEY=${v}\nLOG_LEVEL=info\n` }),
    ],
  },
  {
    kind: 'github-token',
    value: (d) => `ghp_${d(ALNUM, 36)}`,
    places: [
      (v) => ({ file: 'scripts/release.sh', text: `#!/usr/bin/env bash\nset -euo pipefail\nexport GITHUB_TOKEN=${v}\ngh release create "v$1" --generate-notes\n` }),
      (v) => ({ file: 'docs/ci-setup.md', text: `# CI setup\n\nThe mirror job pushes with a bot token:\n\n\`\`\`bash\ngit remote add mirror https://x-access-token:${v}@github.com/acme/mirror.git\n\`\`\`\n` }),
    ],
  },
  {
    kind: 'github-fine-grained-token',
    value: (d) => `github_pat_${d(ALNUM, 22)}_${d(ALNUM, 59)}`,
    places: [
      (v) => ({ file: 'renovate.config.json', text: `{\n  "platform": "github",\n  "token": "${v}",\n  "repositories": ["acme/web", "acme/api"]\n}\n` }),
      (v) => ({ file: 'tools/.env', text: `GH_TOKEN=${v}\nGH_REPO=acme/web\n` }),
    ],
  },
  {
    kind: 'gitlab-token',
    value: (d) => `glpat-${d(`${ALNUM}_-`, 20)}`,
    places: [
      (v) => ({ file: '.gitlab-ci.yml', text: `stages: [publish]\npublish:\n  stage: publish\n  variables:\n    GITLAB_API_TOKEN: "${v}"\n  script:\n    - npm publish\n` }),
      (v) => ({ file: 'scripts/sync-issues.sh', text: `#!/bin/sh\ncurl --header "PRIVATE-TOKEN: ${v}" "https://gitlab.example.org/api/v4/projects/42/issues"\n` }),
    ],
  },
  {
    kind: 'slack-token',
    value: (d) => `xoxb-${d('0123456789', 12)}-${d('0123456789', 13)}-${d(ALNUM, 24)}`,
    places: [
      (v) => ({ file: 'alerts/notify.py', text: `from slack_sdk import WebClient\n\nclient = WebClient(token="${v}")\n\ndef notify(text):\n    client.chat_postMessage(channel="#alerts", text=text)\n` }),
      (v) => ({ file: 'alerts/.env', text: `SLACK_BOT_TOKEN=${v}\nSLACK_CHANNEL=#alerts\n` }),
    ],
  },
  {
    kind: 'slack-webhook',
    value: (d) => `https://hooks.slack.com/services/T${d(UPPER_NUM, 8)}/B${d(UPPER_NUM, 10)}/${d(ALNUM, 24)}`,
    places: [
      (v) => ({ file: 'monitoring/alertmanager.json', text: `{\n  "receivers": [\n    { "name": "oncall", "slack_configs": [{ "api_url": "${v}", "channel": "#oncall" }] }\n  ]\n}\n` }),
      (v) => ({ file: 'monitoring/alertmanager.yml', text: `receivers:\n  - name: oncall\n    slack_configs:\n      - api_url: ${v}\n        channel: '#oncall'\n` }),
    ],
  },
  {
    kind: 'stripe-key',
    value: (d) => `sk_live_${d(ALNUM, 24)}`,
    places: [
      (v) => ({ file: 'billing/stripe.ts', text: `import Stripe from 'stripe';\n\nexport const stripe = new Stripe('${v}', { apiVersion: '2024-06-20' });\n` }),
      (v) => ({ file: 'billing/.env', text: `STRIPE_SECRET_KEY=${v}\nSTRIPE_PUBLISHABLE_KEY=pk_live_51Hxx\n` }),
      (v) => ({ file: 'billing/Dockerfile', text: `FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nENV STRIPE_SECRET_KEY=${v}\nCMD ["node", "server.js"]\n` }),
    ],
  },
  {
    kind: 'google-api-key',
    value: (d) => `AIza${d(B64URL, 35)}`,
    places: [
      (v) => ({ file: 'web/src/maps.js', text: `const loader = new Loader({ apiKey: "${v}", version: "weekly" });\nexport default loader;\n` }),
      (v) => ({ file: 'mobile/google-services.json', text: `{\n  "client": [{ "api_key": [{ "current_key": "${v}" }] }]\n}\n` }),
    ],
  },
  {
    kind: 'private-key',
    value: (d) => pemBlock(d, 'RSA PRIVATE KEY'),
    places: [
      (v) => ({ file: 'deploy/tls-secret.yaml', text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: api-tls\ntype: kubernetes.io/tls\nstringData:\n  tls.key: |\n${indent(v, '    ')}\n` }),
      (v) => ({ file: 'certs/server.key', text: `${v}\n` }),
      (v) => ({ file: 'config/jwt.json', text: `{\n  "issuer": "auth.acme.test",\n  "signingKey": "${escapedNewlines(v)}\\n"\n}\n` }),
    ],
  },
  {
    kind: 'private-key-openssh',
    value: (d) => pemBlock(d, 'OPENSSH PRIVATE KEY', 7),
    places: [
      (v) => ({ file: 'ci/deploy-key.sh', text: `#!/usr/bin/env bash\nmkdir -p ~/.ssh\ncat > ~/.ssh/id_ed25519 <<'KEY'\n${v}\nKEY\nchmod 600 ~/.ssh/id_ed25519\n` }),
      (v) => ({ file: 'ansible/group_vars/web.yml', text: `deploy_user: deploy\ndeploy_private_key: >-\n${indent(v, '  ')}\n` }),
    ],
  },
  {
    kind: 'gcp-service-account',
    value: (d) => pemBlock(d, 'PRIVATE KEY', 16),
    places: [
      (v) => ({ file: 'secrets/gcp-sa.json', text: `{\n  "type": "service_account",\n  "project_id": "acme-analytics",\n  "private_key_id": "${'3f2a'}9c0d1e",\n  "private_key": "${escapedNewlines(v)}\\n",\n  "client_email": "etl@acme-analytics.iam.gserviceaccount.com"\n}\n` }),
      (v) => ({ file: 'infra/gcp.tf', text: `resource "kubernetes_secret" "gcp" {\n  metadata { name = "gcp-sa" }\n  data = {\n    "key.pem" = <<EOT\n${v}\nEOT\n  }\n}\n` }),
    ],
  },
  {
    kind: 'jwt',
    value: (d) => `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${d(B64URL, 60)}.${d(B64URL, 43)}`,
    places: [
      (v) => ({ file: 'logs/api-2024-05-02.jsonl', text: `{"ts":"2024-05-02T10:00:01Z","level":"info","msg":"request","path":"/v1/orders"}\n{"ts":"2024-05-02T10:00:02Z","level":"debug","msg":"outgoing","headers":{"authorization":"Bearer ${v}"}}\n` }),
      (v) => ({ file: 'api/orders.http', text: `GET https://api.acme.test/v1/orders\nAuthorization: Bearer ${v}\n` }),
    ],
  },
  {
    kind: 'npm-token',
    value: (d) => `npm_${d(ALNUM, 36)}`,
    places: [
      (v) => ({ file: '.npmrc', text: `registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${v}\n` }),
      (v) => ({ file: 'packages/ui/Dockerfile', text: `FROM node:20\nARG NPM_TOKEN=${v}\nRUN npm ci\n` }),
      (v) => ({ file: '.github/workflows/publish.yml', text: `jobs:\n  publish:\n    runs-on: ubuntu-latest\n    env:\n      NODE_AUTH_TOKEN: ${v}\n    steps:\n      - run: npm publish\n` }),
    ],
  },
  {
    kind: 'sendgrid',
    value: (d) => `SG.${d(B64URL, 22)}.${d(B64URL, 43)}`,
    places: [
      (v) => ({ file: 'mail/send.py', text: `import sendgrid\n\nsg = sendgrid.SendGridAPIClient("${v}")\n` }),
      (v) => ({ file: 'mail/.env', text: `SENDGRID_API_KEY=${v}\nMAIL_FROM=noreply@acme.test\n` }),
    ],
  },
  {
    kind: 'azure-storage-key',
    value: (d) => base64Of(d, 64),
    places: [
      (v) => ({ file: 'api/appsettings.json', text: `{\n  "ConnectionStrings": {\n    "Blobs": "DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey=${v};EndpointSuffix=core.windows.net"\n  }\n}\n` }),
      (v) => ({ file: 'api/.env', text: `AZURE_STORAGE_ACCOUNT=acmeprod\nAZURE_STORAGE_KEY=${v}\n` }),
    ],
  },
  {
    kind: 'huggingface',
    value: (d) => `hf_${d('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 34)}`,
    places: [
      (v) => ({ file: 'ml/README.md', text: `# Fine-tuning\n\n\`\`\`bash\nHF_TOKEN=${v} python train.py --model base\n\`\`\`\n` }),
      (v) => ({ file: 'ml/download.py', text: `from huggingface_hub import login\n\nlogin(token="${v}")\n` }),
    ],
  },
  {
    kind: 'password-in-url',
    value: (d) => password(d),
    places: [
      (v) => ({ file: 'docker-compose.yml', text: `services:\n  api:\n    image: acme/api\n    environment:\n      DATABASE_URL: postgres://orders:${v}@db:5432/orders\n` }),
      (v) => ({ file: 'worker/.env', text: `REDIS_URL=redis://default:${v}@cache.internal:6379/0\n` }),
      (v) => ({ file: 'worker/queue.ts', text: `export const broker = connect('amqp://worker:${v}@rabbit.internal:5672/prod');\n` }),
    ],
  },
  {
    kind: 'vault-token',
    value: (d) => `hvs.${d(B64URL, 24)}`,
    places: [
      (v) => ({ file: 'ops/vault-login.sh', text: `#!/bin/bash\nexport VAULT_ADDR=https://vault.internal:8200\nexport VAULT_TOKEN=${v}\nvault kv get secret/app\n` }),
      (v) => ({ file: 'logs/deploy.jsonl', text: `{"level":"info","msg":"deploy start"}\n{"level":"debug","msg":"vault auth ok","token":"${v}"}\n` }),
    ],
  },
  {
    kind: 'generic-password',
    value: (d) => password(d),
    places: [
      (v) => ({ file: 'compose/db.yml', text: `services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_USER: orders\n      POSTGRES_PASSWORD: ${v}\n` }),
      (v) => ({ file: 'backend/settings_prod.py', text: `DATABASES = {\n    "default": {\n        "ENGINE": "django.db.backends.postgresql",\n        "USER": "orders",\n        "PASSWORD": "${v}",\n    }\n}\n` }),
      (v) => ({ file: 'backend/.env.local', text: `DB_USER=orders\nDB_PASSWORD=${v}\n` }),
    ],
  },
  {
    kind: 'openai',
    value: (d) => `sk-proj-${d(B64URL, 74)}T3BlbkFJ${d(B64URL, 74)}`,
    places: [
      (v) => ({ file: 'assistant/client.py', text: `from openai import OpenAI\n\nclient = OpenAI(api_key="${v}")\n` }),
      (v) => ({ file: 'assistant/.env', text: `OPENAI_API_KEY=${v}\n` }),
    ],
  },
  {
    kind: 'anthropic',
    value: (d) => `sk-ant-api03-${d(B64URL, 93)}AA`,
    places: [
      (v) => ({ file: 'agent/llm.ts', text: `import Anthropic from '@anthropic-ai/sdk';\n\nconst anthropic = new Anthropic({ apiKey: '${v}' });\n` }),
      (v) => ({ file: 'agent/config.yaml', text: `llm:\n  provider: anthropic\n  key: ${v}\n` }),
    ],
  },
  {
    kind: 'twilio',
    value: (d) => `SK${d(HEX, 32)}`,
    places: [
      (v) => ({ file: 'sms/send.js', text: `const client = require('twilio')('${v}', process.env.TWILIO_API_SECRET, { accountSid: process.env.TWILIO_ACCOUNT_SID });\n` }),
      (v) => ({ file: 'sms/config.json', text: `{ "twilio": { "apiKeySid": "${v}", "from": "+15550100" } }\n` }),
    ],
  },
  {
    kind: 'twilio-auth-token',
    value: (d) => d(HEX, 32),
    places: [
      (v) => ({ file: 'sms/.env', text: `TWILIO_ACCOUNT_SID=AC4c3f1e0b9a8d7c6b5a4f3e2d1c0b9a8d\nTWILIO_AUTH_TOKEN=${v}\n` }),
      (v) => ({ file: 'sms/twilio.py', text: `from twilio.rest import Client\n\nauth_token = "${v}"\nclient = Client(account_sid, auth_token)\n` }),
    ],
  },
  {
    kind: 'mailgun',
    value: (d) => `key-${d(HEX, 32)}`,
    places: [
      (v) => ({ file: 'mail/mailgun.js', text: `const mg = mailgun.client({ username: 'api', key: '${v}' });\n` }),
      (v) => ({ file: 'mail/mailgun.sh', text: `curl -s --user 'api:${v}' https://api.mailgun.net/v3/mg.acme.test/messages -F to=ops@acme.test\n` }),
    ],
  },
  {
    kind: 'discord-bot-token',
    value: (d) => `M${d(B64URL.replace(/[-_]/g, ''), 25)}.${d(B64URL, 6)}.${d(B64URL, 38)}`,
    places: [
      (v) => ({ file: 'bot/main.py', text: `import discord\n\nclient = discord.Client(intents=discord.Intents.default())\nclient.run("${v}")\n` }),
      (v) => ({ file: 'bot/config.json', text: `{ "prefix": "!", "discordToken": "${v}" }\n` }),
    ],
  },
  {
    kind: 'telegram-bot-token',
    value: (d) => `${d('123456789', 1)}${d('0123456789', 9)}:AA${d(B64URL, 33)}`,
    places: [
      (v) => ({ file: 'notify/telegram.py', text: `BOT_TOKEN = "${v}"\nAPI = f"https://api.telegram.org/bot{BOT_TOKEN}/sendMessage"\n` }),
      (v) => ({ file: 'notify/notify.sh', text: `curl -s "https://api.telegram.org/bot${v}/sendMessage" -d chat_id=42 -d text="deployed"\n` }),
    ],
  },
  {
    kind: 'shopify',
    value: (d) => `shpat_${d(HEX, 32)}`,
    places: [
      (v) => ({ file: 'shop/admin.ts', text: `const session = { shop: 'acme.myshopify.com', accessToken: '${v}' };\n` }),
      (v) => ({ file: 'shop/.env', text: `SHOPIFY_ADMIN_TOKEN=${v}\n` }),
    ],
  },
  {
    kind: 'digitalocean',
    value: (d) => `dop_v1_${d(HEX, 64)}`,
    places: [
      (v) => ({ file: 'infra/terraform.tfvars', text: `region   = "ams3"\ndo_token = "${v}"\n` }),
      (v) => ({ file: 'infra/doctl.sh', text: `doctl auth init --access-token ${v}\n` }),
    ],
  },
  {
    kind: 'pypi-token',
    value: (d) => `pypi-AgEIcHlwaS5vcmc${d(B64URL, 60)}`,
    places: [
      (v) => ({ file: '.pypirc', text: `[pypi]\nusername = __token__\npassword = ${v}\n` }),
      (v) => ({ file: '.github/workflows/pypi.yml', text: `jobs:\n  upload:\n    steps:\n      - run: twine upload dist/*\n        env:\n          TWINE_PASSWORD: ${v}\n` }),
    ],
  },
  {
    kind: 'docker-hub-token',
    value: (d) => `dckr_pat_${d(B64URL, 27)}`,
    places: [
      (v) => ({ file: 'ci/docker-login.sh', text: `echo "${v}" | docker login -u acmebot --password-stdin\n` }),
      (v) => ({ file: 'ci/registry.yml', text: `registry:\n  user: acmebot\n  token: ${v}\n` }),
    ],
  },
  {
    kind: 'databricks',
    value: (d) => `dapi${d(HEX, 32)}`,
    places: [
      (v) => ({ file: 'jobs/databricks_cfg.py', text: `HOST = "https://adb-1234.azuredatabricks.net"\nw = WorkspaceClient(host=HOST, token="${v}")\n` }),
      (v) => ({ file: 'jobs/.databrickscfg', text: `[DEFAULT]\nhost = https://adb-1234.azuredatabricks.net\ntoken = ${v}\n` }),
    ],
  },
  {
    kind: 'bearer-token',
    value: (d) => d(B64URL, 40),
    places: [
      (v) => ({ file: 'docs/partner-api.md', text: `## Calling the partner API\n\n\`\`\`bash\ncurl -H "Authorization: Bearer ${v}" https://partner.acme.test/v2/stock\n\`\`\`\n` }),
      (v) => ({ file: 'logs/gateway.jsonl', text: `{"level":"warn","msg":"upstream 401","request":{"method":"GET","headers":{"Authorization":"Bearer ${v}"}}}\n` }),
      (v) => ({ file: 'scripts/stock.sh', text: `#!/bin/sh\ncurl -fsS -H 'Authorization: Bearer ${v}' https://partner.acme.test/v2/stock\n` }),
    ],
  },
  {
    kind: 'datadog-api-key',
    value: (d) => d(HEX, 32),
    places: [
      (v) => ({ file: 'observability/datadog.yaml', text: `datadog:\n  site: datadoghq.eu\n  apiKey: ${v}\n` }),
      (v) => ({ file: 'observability/Dockerfile', text: `FROM gcr.io/datadoghq/agent:7\nENV DD_API_KEY=${v}\nENV DD_SITE=datadoghq.eu\n` }),
    ],
  },
  {
    kind: 'sentry-auth-token',
    value: (d) => `sntrys_${d(B64, 80)}`,
    places: [
      (v) => ({ file: 'web/.env.sentry-build-plugin', text: `SENTRY_AUTH_TOKEN=${v}\n` }),
      (v) => ({ file: 'web/sentry.properties', text: `defaults.org=acme\ndefaults.project=web\nauth.token=${v}\n` }),
    ],
  },
  {
    kind: 'linear',
    value: (d) => `lin_api_${d(ALNUM, 40)}`,
    places: [
      (v) => ({ file: 'tools/linear.ts', text: `const linear = new LinearClient({ apiKey: "${v}" });\n` }),
      (v) => ({ file: 'tools/linear.env', text: `LINEAR_API_KEY=${v}\n` }),
    ],
  },
  {
    kind: 'grafana',
    value: (d) => `glsa_${d(ALNUM, 32)}_${d(HEX, 8)}`,
    places: [
      (v) => ({ file: 'dashboards/provision.sh', text: `curl -H "Authorization: Bearer ${v}" https://grafana.internal/api/dashboards/db -d @dash.json\n` }),
      (v) => ({ file: 'dashboards/grafana.json', text: `{ "url": "https://grafana.internal", "serviceAccountToken": "${v}" }\n` }),
    ],
  },
  {
    kind: 'age-secret-key',
    value: (d) => `AGE-SECRET-KEY-1${d(BECH32, 58)}`,
    places: [
      (v) => ({ file: 'sops/keys.txt', text: `# created: 2024-03-01T10:00:00Z\n# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p\n${v}\n` }),
      (v) => ({ file: 'sops/README.md', text: `Decrypt with:\n\n    SOPS_AGE_KEY=${v} sops -d secrets.enc.yaml\n` }),
    ],
  },
  {
    kind: 'django-secret-key',
    value: (d) => d(`${LOWER_NUM}!@#%^&*(-_=+)`, 50),
    places: [
      (v) => ({ file: 'site/settings.py', text: `DEBUG = False\nSECRET_KEY = '${v}'\nALLOWED_HOSTS = ["acme.test"]\n` }),
      (v) => ({ file: 'site/.env', text: `DJANGO_SECRET_KEY='${v}'\n` }),
    ],
  },
  {
    kind: 'generic-api-key',
    value: (d) => d(ALNUM, 32),
    places: [
      (v) => ({ file: 'integrations/weather.json', text: `{\n  "provider": "openweather",\n  "apiKey": "${v}",\n  "units": "metric"\n}\n` }),
      (v) => ({ file: 'integrations/geocode.go', text: `package geocode\n\nconst apiKey = "${v}"\n\nfunc URL(q string) string { return "https://geo.acme.test/v1?key=" + apiKey + "&q=" + q }\n` }),
    ],
  },
];

/** Every true-credential file, with its kind and secret. */
export function credentialFiles(): TextCorpusFile[] {
  const out: TextCorpusFile[] = [];
  for (const kind of KINDS) {
    kind.places.forEach((place, index) => {
      const draw = drawFrom(rng(`${kind.kind}#${index}`));
      const secret = kind.value(draw);
      const { file, text } = place(secret);
      out.push({ file: `secret/${kind.kind}/${index}/${file}`, text, label: 'secret', kind: kind.kind, secret });
    });
  }
  return out;
}

export const KIND_COUNT = KINDS.length;
void B64;
