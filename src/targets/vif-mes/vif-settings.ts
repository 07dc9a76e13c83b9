// The VIF-style MO API's settings (issue 16): where it is, whose company and establishment, the API
// key and the header it goes in, and how a D365 order finds its VIF line and unit — data, with
// the defaults documented in docs/configuration.md.
import { z } from 'zod';
import { ConfigError, parseEnv, parseJsonSetting, wholeNumber, type Env } from '../../config/settings-toolkit.js';

export interface VifSettings {
  url: string;
  company: string;
  establishment: string;
  apiKey: string;
  /** Lower case; `authorization` sends `Bearer <key>`, any other header the key as is. */
  authHeader: string;
  lineCode: string;
  /** D365 resource of the first operation, or the production pool -> VIF line. */
  lines: Record<string, string>;
  unitCode: string;
  /** Items whose VIF unit is not VIF_UNIT_CODE. */
  itemUnits: Record<string, string>;
  timeoutMs: number;
  pollSeconds: number;
}

const required = (what: string) => z.string({ error: `is required with ORDER_SYNC=vif: ${what}` }).trim().min(1, { error: `is required with ORDER_SYNC=vif: ${what}` });
const envSchema = z.object({
  VIF_URL: z.url({ error: 'is required with ORDER_SYNC=vif: the MES address, such as https://mes.example.com (the paths /mes/companies/... are added)' }),
  VIF_COMPANY: required('the VIF company code'),
  VIF_ESTABLISHMENT: required('the VIF establishment code'),
  VIF_API_KEY: required('the API key the bridge sends'),
  VIF_AUTH_HEADER: z.string().trim().regex(/^[A-Za-z0-9-]+$/, { error: 'must be a header name, such as x-api-key' }).default('authorization'),
  VIF_LINE_CODE: required('the VIF line an order goes to when VIF_LINES names none'),
  VIF_UNIT_CODE: z.string().trim().min(1).default('PCS'),
  VIF_TIMEOUT_MS: wholeNumber(1000, 300_000).default(30_000),
  VIF_POLL_SECONDS: wholeNumber(10, 86_400).default(60),
});

function textMap(name: string, json: string | undefined): Record<string, string> {
  const parsed = parseJsonSetting(name, json);
  const bad = Object.entries(parsed).filter(([, v]) => typeof v !== 'string' || v.trim() === '');
  if (bad.length) throw new ConfigError(bad.map(([k]) => `${name}.${k}: must be a text (a VIF code)`));
  return parsed as Record<string, string>;
}

export function vifSettings(env: Env): VifSettings {
  const e = parseEnv(envSchema, env);
  return {
    url: e.VIF_URL.replace(/\/+$/, ''),
    company: e.VIF_COMPANY,
    establishment: e.VIF_ESTABLISHMENT,
    apiKey: e.VIF_API_KEY,
    authHeader: e.VIF_AUTH_HEADER.toLowerCase(),
    lineCode: e.VIF_LINE_CODE,
    lines: textMap('VIF_LINES', env.VIF_LINES),
    unitCode: e.VIF_UNIT_CODE,
    itemUnits: textMap('VIF_ITEM_UNITS', env.VIF_ITEM_UNITS),
    timeoutMs: e.VIF_TIMEOUT_MS,
    pollSeconds: e.VIF_POLL_SECONDS,
  };
}
