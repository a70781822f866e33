import path from 'node:path';
import type { SentinelConfig } from '../workspace/config-types.js';
import { normalizeRelative } from '../workspace/paths.js';

/** `orders.v1.yaml` → domain `orders`, version 1. Domains may hold dots: `orders.created.v2.json`. */
const CONTRACT_FILE = /^([A-Za-z0-9][\w.-]*?)\.v(\d+)\.(ya?ml|json)$/i;
const CONTRACT_ID = /^([A-Za-z0-9][\w.-]*?)\.v(\d+)$/;

export interface ContractName {
  id: string;
  domain: string;
  version: number;
}

export function contractNameFromFile(file: string): ContractName | undefined {
  const match = CONTRACT_FILE.exec(path.posix.basename(file));
  if (!match) return undefined;
  const version = Number(match[2]);
  return { id: `${match[1]}.v${version}`, domain: match[1]!, version };
}

export function parseContractId(id: string): ContractName | undefined {
  const match = CONTRACT_ID.exec(id.trim());
  if (!match) return undefined;
  const version = Number(match[2]);
  return { id: `${match[1]}.v${version}`, domain: match[1]!, version };
}

export const isContractFileName = (name: string): boolean => /\.(ya?ml|json)$/i.test(name);

/** `add orders.v2` — the one fix for every change that breaks an existing version. */
export const nextVersionFix = (name: ContractName): string => `add ${name.domain}.v${name.version + 1} with the new schema and its fixtures`;

/** `<contractsDir>/fixtures`: one folder per contract, `bad/` subfolders for payloads it must reject. */
export const fixturesRoot = (config: SentinelConfig): string => path.posix.join(normalizeRelative(config.contractsDir), 'fixtures');
