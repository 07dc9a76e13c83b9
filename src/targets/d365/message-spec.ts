// Checks a D365 MES integration message against the published field tables
// (d365-mes-messages.json: Microsoft's "Integrate with third-party manufacturing execution
// systems" tables as data, the one copy in this repository). Used by the fake D365 in tests
// and before an operator's edit of a posting is saved: D365 accepts an unknown or mistyped
// field into its queue and only fails it later in its batch job, so we check first.
import specJson from './d365-mes-messages.json' with { type: 'json' };

export interface FieldSpec {
  type: 'string' | 'real' | 'integer' | 'date' | 'datetime' | 'enum' | 'lines';
  required?: boolean;
  values?: string[];
  /** Enums that customers can extend in D365: any non-empty word is allowed. */
  extensible?: boolean;
  minItems?: number;
}

export interface MessageSpec {
  fields: Record<string, FieldSpec>;
  lineFields?: Record<string, FieldSpec>;
}

export interface MessageSpecs {
  messages: Record<string, MessageSpec>;
}

export const d365MessageSpecs = specJson as MessageSpecs;
export type D365MessageType = keyof typeof specJson.messages;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Lists what is wrong with a message's content, in plain words; empty when it is valid. */
export function checkMessage(
  specs: MessageSpecs,
  messageType: string,
  content: unknown,
): string[] {
  const spec = Object.hasOwn(specs.messages, messageType) ? specs.messages[messageType] : undefined;
  if (!spec) return [`unknown message type ${JSON.stringify(messageType)}`];
  return checkObject(spec.fields, content, '', spec.lineFields);
}

function checkObject(
  fields: Record<string, FieldSpec>,
  value: unknown,
  prefix: string,
  lineFields?: Record<string, FieldSpec>,
): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [`${prefix || 'content'} must be a JSON object`];
  }
  const record = value as Record<string, unknown>;
  const problems: string[] = [];
  // Own fields only: `"constructor" in fields` is true of every object, and an edited message
  // must not carry such a key (or an own "__proto__", which JSON.parse makes) to D365.
  for (const name of Object.keys(record)) {
    if (!Object.hasOwn(fields, name)) problems.push(`${prefix}${name} is not a field D365 knows`);
  }
  for (const [name, field] of Object.entries(fields)) {
    const v = Object.hasOwn(record, name) ? record[name] : undefined;
    if (v === undefined || v === null) {
      if (field.required) problems.push(`${prefix}${name} is required`);
      continue;
    }
    if (field.type === 'lines') {
      problems.push(...checkLines(field, v, `${prefix}${name}`, lineFields ?? {}));
      continue;
    }
    const problem = checkScalar(field, v);
    if (problem) problems.push(`${prefix}${name} ${problem}`);
  }
  return problems;
}

function checkLines(field: FieldSpec, v: unknown, path: string, lineFields: Record<string, FieldSpec>) {
  if (!Array.isArray(v)) return [`${path} must be a list of lines`];
  if (v.length < (field.minItems ?? 0)) return [`${path} needs at least ${field.minItems} line(s)`];
  return v.flatMap((line, i) => checkObject(lineFields, line, `${path}[${i}].`));
}

function checkScalar(field: FieldSpec, v: unknown): string | undefined {
  switch (field.type) {
    case 'string':
      return typeof v === 'string' ? undefined : 'must be a string';
    case 'real':
      return typeof v === 'number' && Number.isFinite(v) ? undefined : 'must be a number';
    case 'integer':
      return Number.isInteger(v) ? undefined : 'must be a whole number';
    case 'date':
      return typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v))
        ? undefined
        : 'must be a date written YYYY-MM-DD';
    case 'datetime':
      return typeof v === 'string' && DATETIME.test(v) && !Number.isNaN(Date.parse(v))
        ? undefined
        : 'must be an ISO 8601 date and time';
    case 'enum':
      if (typeof v !== 'string') return `must be one of ${field.values?.join(', ')}`;
      if (field.values?.includes(v) || (field.extensible && v.trim() !== '')) return undefined;
      return `must be one of ${field.values?.join(', ')} (got ${JSON.stringify(v)})`;
    default:
      return undefined;
  }
}
