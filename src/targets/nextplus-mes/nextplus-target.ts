// Next Plus as a target of order sync (ERP -> MES): each issued D365 order becomes one Next Plus
// work order, numbered with the D365 order number. Next Plus has no idempotency key, so every send
// looks the number up first: a retry after a crash between create and record finds the work order
// it made and creates nothing. Status changes (started, ended, withdrawn) PATCH the fields
// NEXTPLUS_STATUS_UPDATES names, or are recorded for a person to do (status-updates.ts).
import { z } from 'zod';
import { conflict } from '../../core/domain-errors.js';
import { parseEnv, wholeNumber } from '../../config/settings-toolkit.js';
import type { Connector, SendResult } from '../connector.js';
import type { TargetDefinition } from '../target.js';
import { NextPlusClient, type NextPlusConnection } from './nextplus-client.js';
import { RECORD_STATUS, recordSchema, recordStatus, statusMessage, statusUpdates, UPDATE_WORKORDER, updateSchema, updateWorkorder, type StatusUpdates } from './status-updates.js';
import { workorderMapping, workorderOf } from './workorder-mapping.js';

export const CREATE_WORKORDER = 'CreateWorkorder';

const path = z.string().regex(/^\/[\w/.-]*$/, { error: 'must be a path such as /api/Workorders' });
const envSchema = z.object({
  NEXTPLUS_URL: z.url({ error: 'is required with ORDER_SYNC=nextplus: the Next Plus address, such as https://acme.nextplus.io' }),
  NEXTPLUS_USERNAME: z.string({ error: 'is required with ORDER_SYNC=nextplus: the API user the bridge logs in as' }).trim().min(1),
  NEXTPLUS_PASSWORD: z.string({ error: 'is required with ORDER_SYNC=nextplus' }).min(1),
  /** The Integration Builder's Work Order Source, so the work order's events come back to this bridge. */
  NEXTPLUS_WORKORDER_SOURCE: z.string().trim().min(1).default('d365'),
  NEXTPLUS_LOGIN_PATH: path.default('/api/Users/login'),
  NEXTPLUS_WORKORDERS_PATH: path.default('/api/Workorders'),
  NEXTPLUS_KIT_ITEMS: z.enum(['true', 'false']).default('true'),
  NEXTPLUS_TIMEOUT_MS: wholeNumber(1000, 300_000).default(30_000),
});

interface Settings {
  connection: NextPlusConnection;
  source: string;
  kitItems: boolean;
  mapping: ReturnType<typeof workorderMapping>;
  updates: StatusUpdates;
}

const workorderSchema = z.looseObject({ workorderNumber: z.string().min(1), sku: z.string().min(1), quantity: z.number().positive(), source: z.string().min(1) });

const unreadable = (type: string, issues: z.core.$ZodIssue[]): SendResult => ({ outcome: 'permanent', error: `the ${type} posting's content is not one the bridge can send: ${issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}. Edit it and retry, or cancel it.` });

export const nextplusTarget: TargetDefinition<Settings> = {
  name: 'nextplus',
  label: 'Next Plus (work orders)',
  settings(env) {
    const e = parseEnv(envSchema, env);
    return {
      connection: { url: e.NEXTPLUS_URL.replace(/\/+$/, ''), username: e.NEXTPLUS_USERNAME, password: e.NEXTPLUS_PASSWORD, loginPath: e.NEXTPLUS_LOGIN_PATH, workordersPath: e.NEXTPLUS_WORKORDERS_PATH.replace(/\/+$/, ''), timeoutMs: e.NEXTPLUS_TIMEOUT_MS },
      source: e.NEXTPLUS_WORKORDER_SOURCE,
      kitItems: e.NEXTPLUS_KIT_ITEMS === 'true',
      mapping: workorderMapping(env),
      updates: statusUpdates(env),
    };
  },
  create(s, runtime) {
    const client = new NextPlusClient(s.connection, { fetch: runtime.fetch, timeoutMs: s.connection.timeoutMs, now: () => runtime.clock.now(), system: 'Next Plus', urlSetting: 'NEXTPLUS_URL' });
    const wos = s.connection.workordersPath;
    const connector: Connector = {
      deliversOnCommit: false,
      timeoutMs: s.connection.timeoutMs * 3,
      async send(posting): Promise<SendResult> {
        if (posting.messageType === RECORD_STATUS) {
          const parsed = recordSchema.safeParse(JSON.parse(posting.content));
          return parsed.success ? recordStatus(parsed.data) : unreadable(posting.messageType, parsed.error.issues);
        }
        if (posting.messageType === UPDATE_WORKORDER) {
          const parsed = updateSchema.safeParse(JSON.parse(posting.content));
          return parsed.success ? updateWorkorder(client, wos, parsed.data) : unreadable(posting.messageType, parsed.error.issues);
        }
        const wo = JSON.parse(posting.content) as { workorderNumber: string };
        const filter = JSON.stringify({ where: { workorderNumber: wo.workorderNumber }, limit: 1 });
        const found = await client.call('GET', `${wos}?filter=${encodeURIComponent(filter)}`);
        if (!found.ok) return { ...found.failure, error: `looking up work order ${wo.workorderNumber}: ${found.failure.error ?? `HTTP ${found.status}`}` };
        const [existing] = Array.isArray(found.body) ? (found.body as { id?: string }[]) : [];
        if (existing) {
          const response = JSON.stringify({ id: existing.id, workorderNumber: wo.workorderNumber, existed: true });
          return { outcome: 'delivered', status: found.status, response, mesOrder: { id: existing.id, number: wo.workorderNumber } };
        }
        const created = await client.call('POST', wos, wo);
        if (!created.ok) return { ...created.failure, error: `creating work order ${wo.workorderNumber}: ${created.failure.error ?? `HTTP ${created.status}`}` };
        const id = (created.body as { id?: string } | undefined)?.id;
        // Remembered by the bridge, so Next Plus's reports on this work order map back to the order.
        return { outcome: 'delivered', status: created.status, response: JSON.stringify({ id, workorderNumber: wo.workorderNumber }), mesOrder: { id, number: wo.workorderNumber } };
      },
    };
    return {
      takes: ['order-issued', 'order-status-changed'],
      build: (event) => {
        if (event.kind === 'order-issued') return [{ messageType: CREATE_WORKORDER, content: workorderOf(event, s.mapping, s.source, s.kitItems) }];
        if (event.kind === 'order-status-changed') return [statusMessage(event.productionOrder, event.status, s.updates)];
        return [];
      },
      reverse: () => {
        throw conflict('A Next Plus work order the bridge created is not taken back automatically: close or delete it in Next Plus.');
      },
      check(type, content) {
        const parsed = (type === RECORD_STATUS ? recordSchema : type === UPDATE_WORKORDER ? updateSchema : workorderSchema).safeParse(content);
        return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'the work order'}: ${i.message}`);
      },
      connector,
    };
  },
};
