// The part of OData v4's $filter a client of D365's /data/ entities needs: comparisons
// (eq ne gt ge lt le) of a property with a literal, joined by and/or, with not and parentheses.
// Literals: 'text' ('' escapes a quote), numbers, true/false/null, unquoted date-times
// (2025-03-07T00:00:00Z) and enum literals (Microsoft.Dynamics.DataEntities.ProdStatus'Released';
// a plain 'Released' is accepted for an enum too, as OData 4.01 allows). Like D365 (SQL Server's
// collation), text compares case-insensitively. A property the entity doesn't have, or a literal
// of the wrong type (a quoted date, a number for text), is a 400 as in D365.
export class ODataQueryError extends Error {}

type Literal = { kind: 'text' | 'enum'; value: string } | { kind: 'number'; value: number } | { kind: 'date'; value: number } | { kind: 'bool'; value: boolean } | { kind: 'null' };
type Token = { t: 'word'; v: string } | { t: 'lit'; v: Literal } | { t: '(' } | { t: ')' };
export type Row = Record<string, unknown>;
export type Predicate = (row: Row) => boolean;

const DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;
const OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le'] as const;
type Op = (typeof OPS)[number];

export function isDateValue(v: unknown): v is string {
  return typeof v === 'string' && DATE.test(v);
}

function tokenize(s: string): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\()|(\))|'((?:[^']|'')*)'|([A-Za-z_][\w.]*)'((?:[^']|'')*)'|(\d{4}-\d\d-\d\dT[\d:.]+(?:Z|[+-]\d\d:\d\d))|(-?\d+(?:\.\d+)?)|([A-Za-z_][\w.]*))\s*/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < s.length && (m = re.exec(s))) {
    if (m[1]) out.push({ t: '(' });
    else if (m[2]) out.push({ t: ')' });
    else if (m[3] !== undefined) out.push({ t: 'lit', v: { kind: 'text', value: m[3].replaceAll("''", "'") } });
    else if (m[4]) out.push({ t: 'lit', v: { kind: 'enum', value: (m[5] ?? '').replaceAll("''", "'") } });
    else if (m[6]) out.push({ t: 'lit', v: { kind: 'date', value: Date.parse(m[6]) } });
    else if (m[7]) out.push({ t: 'lit', v: { kind: 'number', value: Number(m[7]) } });
    else if (m[8] === 'true' || m[8] === 'false') out.push({ t: 'lit', v: { kind: 'bool', value: m[8] === 'true' } });
    else if (m[8] === 'null') out.push({ t: 'lit', v: { kind: 'null' } });
    else out.push({ t: 'word', v: m[8]! });
  }
  if (re.lastIndex < s.length || (s.trim() && !out.length)) throw new ODataQueryError(`Syntax error at position ${re.lastIndex} in '${s}'.`);
  return out;
}

/** A $filter as a predicate over rows with these properties (`sample` gives each one's type). */
export function parseFilter(filter: string, sample: Row, entityType: string): Predicate {
  const tokens = tokenize(filter);
  let i = 0;
  const peekWord = (w: string) => tokens[i]?.t === 'word' && (tokens[i] as { v: string }).v === w;
  const expr = (): Predicate => {
    let left = conj();
    while (peekWord('or')) {
      i++;
      const l = left, r = conj();
      left = (row) => l(row) || r(row);
    }
    return left;
  };
  const conj = (): Predicate => {
    let left = unary();
    while (peekWord('and')) {
      i++;
      const l = left, r = unary();
      left = (row) => l(row) && r(row);
    }
    return left;
  };
  const unary = (): Predicate => {
    if (peekWord('not')) {
      i++;
      const p = unary();
      return (row) => !p(row);
    }
    if (tokens[i]?.t === '(') {
      i++;
      const p = expr();
      if (tokens[i++]?.t !== ')') throw new ODataQueryError(`')' expected in '${filter}'.`);
      return p;
    }
    return comparison();
  };
  const comparison = (): Predicate => {
    const [prop, opTok, litTok] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    i += 3;
    if (prop?.t !== 'word' || opTok?.t !== 'word' || litTok?.t !== 'lit') throw new ODataQueryError(`Syntax error in '${filter}': expected <property> <operator> <literal>.`);
    const op = opTok.v as Op;
    if (!OPS.includes(op)) throw new ODataQueryError(`Unknown operator '${opTok.v}' in '${filter}'.`);
    if (!(prop.v in sample)) throw new ODataQueryError(`Could not find a property named '${prop.v}' on type '${entityType}'.`);
    return compare(prop.v, op, litTok.v, sample[prop.v]);
  };
  const p = expr();
  if (i !== tokens.length) throw new ODataQueryError(`Syntax error in '${filter}' at token ${i + 1}.`);
  return p;
}

function compare(prop: string, op: Op, lit: Literal, sampleValue: unknown): Predicate {
  const type = isDateValue(sampleValue) ? 'date' : typeof sampleValue === 'number' ? 'number' : 'text';
  const fits = lit.kind === 'null' || (type === 'text' ? lit.kind === 'text' || lit.kind === 'enum' : lit.kind === type);
  if (!fits) throw new ODataQueryError(`A binary operator with incompatible types was detected. Found operand types '${edm(type)}' and '${lit.kind}' for operator kind '${op}' on '${prop}'.`);
  const key = (v: unknown): string | number | null => {
    if (v === null || v === undefined) return null;
    if (type === 'date') return Date.parse(String(v));
    if (type === 'number') return Number(v);
    return String(v).toLowerCase();
  };
  const want = lit.kind === 'null' ? null : key(lit.kind === 'date' ? new Date(lit.value).toISOString() : lit.value);
  return (row) => {
    const have = key(row[prop]);
    if (op === 'eq') return have === want;
    if (op === 'ne') return have !== want;
    if (have === null || want === null) return false;
    return op === 'gt' ? have > want : op === 'ge' ? have >= want : op === 'lt' ? have < want : have <= want;
  };
}

const edm = (type: string) => (type === 'date' ? 'Edm.DateTimeOffset' : type === 'number' ? 'Edm.Decimal' : 'Edm.String');
