// How Proficy events become canonical events, as settings: each row overridable like Next
// Plus's table (PROFICY_TRANSLATION), operation names to ERP operation numbers
// (PROFICY_OPERATION_NUMBERS) and Proficy order names to ERP production orders.
import { z } from 'zod';
import type { CanonicalKind } from '../../core/canonical-events.js';
import { ConfigError, mergeSection, parseJsonSetting, zodProblems, type Env } from '../../config/settings-toolkit.js';

/** What each event can produce; the defaults below pick from these. */
const producible = {
  'operation-completed': ['operation-reported', 'material-consumed', 'quantity-finished'],
  'operation-clocked-on': [],
  'operation-clocked-off': ['operation-reported'],
  'operation-skipped': [],
  'route-released': [],
  'material-lot-status-changed': [],
  'process-order-created': [],
  'process-order-updated': [],
  'process-order-deleted': [],
  'process-order-completed': ['quantity-finished', 'order-ended'],
} as const satisfies Record<string, readonly CanonicalKind[]>;

type PostingEvent = keyof typeof producible;

const rows = Object.fromEntries(
  Object.entries(producible).map(([event, kinds]) => [
    event,
    z.array(
      kinds.length
        ? z.enum(kinds as unknown as [string, ...string[]], { error: `may only list ${kinds.join(', ')}` })
        : z.never({ error: 'is recorded only: give []' }),
    ),
  ]),
) as unknown as Record<PostingEvent, z.ZodArray<z.ZodType<CanonicalKind>>>;

const settingsSchema = z.strictObject({
  events: z.strictObject({ ...rows, 'operation-cancelled': z.enum(['reverse', 'none']) }),
  /** Operations that finish the product: their completion also reports the quantity finished. */
  lastOperations: z.array(z.string().min(1)),
  /** Proficy work order / process order name -> ERP production order (default: the name as is). */
  productionOrders: z.record(z.string(), z.string().min(1)),
});

/**
 * Names come from Proficy, so they are looked up in Maps: an operation called "constructor"
 * must find its own row, not Object.prototype's.
 */
export type ProficySettings = Omit<z.output<typeof settingsSchema>, 'productionOrders'> & {
  /** Proficy work order / process order name -> ERP production order. */
  productionOrders: ReadonlyMap<string, string>;
  /** Proficy operation name -> the ERP route's operation number. */
  operationNumbers: ReadonlyMap<string, number>;
  /**
   * Which event books an operation's labour hours (PROFICY_HOURS_FROM): the clock-off (the
   * operator's own time, the default) or the completion (start to end of the operation). Never
   * both: a clock-off and the completion of the same operation would book the same hours twice.
   */
  hoursFrom: 'clock' | 'completion';
};

const defaultProficySettings: z.input<typeof settingsSchema> = {
  events: {
    'operation-completed': ['operation-reported', 'material-consumed'],
    'operation-clocked-on': [],
    'operation-clocked-off': ['operation-reported'],
    'operation-skipped': [],
    'operation-cancelled': 'reverse',
    'route-released': [],
    'material-lot-status-changed': [],
    'process-order-created': [],
    'process-order-updated': [],
    'process-order-deleted': [],
    'process-order-completed': ['quantity-finished', 'order-ended'],
  },
  lastOperations: [],
  productionOrders: {},
};

const operationNumbers = z.record(z.string(), z.number().int().min(0, { error: 'must be a whole number, 0 or more' }));

export function proficySettings(env: Env): ProficySettings {
  const o = parseJsonSetting('PROFICY_TRANSLATION', env.PROFICY_TRANSLATION);
  const d = defaultProficySettings;
  const table = settingsSchema.safeParse({ ...d, ...o, events: mergeSection(d.events, o.events) });
  const numbers = operationNumbers.safeParse(parseJsonSetting('PROFICY_OPERATION_NUMBERS', env.PROFICY_OPERATION_NUMBERS));
  const hoursFrom = env.PROFICY_HOURS_FROM?.trim() || 'clock';
  const problems = [
    ...(table.success ? [] : zodProblems(table.error, 'PROFICY_TRANSLATION.')),
    ...(numbers.success ? [] : zodProblems(numbers.error, 'PROFICY_OPERATION_NUMBERS.')),
    ...(hoursFrom === 'clock' || hoursFrom === 'completion' ? [] : ['PROFICY_HOURS_FROM: must be clock (the clock-off books the hours) or completion (the completion does)']),
  ];
  if (problems.length || !table.success || !numbers.success) throw new ConfigError(problems);
  return {
    ...table.data,
    productionOrders: new Map(Object.entries(table.data.productionOrders)),
    operationNumbers: new Map(Object.entries(numbers.data)),
    hoursFrom: hoursFrom as ProficySettings['hoursFrom'],
  };
}
