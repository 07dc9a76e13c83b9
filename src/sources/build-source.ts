// Builds a source from its definition: the core, not each source, derives its URL prefix, its
// integrations' paths and source name, and their labels, so a new source can't get them wrong
// or out of step. A definition that breaks the rules is a programming error, said at start.
import type { IntegrationDefinition, Source, SourceDefinition, SourceIdentity, SourceIntegration } from './source.js';

const NAME = /^[a-z][a-z0-9-]{0,39}$/;

export function identityOf(d: Pick<SourceDefinition, 'name' | 'label' | 'offHint'>): SourceIdentity {
  if (!NAME.test(d.name)) throw new Error(`A source's name must be lower-case letters, digits and dashes: "${d.name}".`);
  return { name: d.name, label: d.label, prefix: `/${d.name}`, ...(d.offHint ? { offHint: d.offHint } : {}) };
}

export function buildSource<S>(definition: SourceDefinition<S>, settings: S): Source {
  const identity = identityOf(definition);
  const built = definition.create(settings);
  const seen = new Set<string>();
  const direction = definition.direction ?? 'mes-to-erp';
  const integrations = built.integrations.map((i: IntegrationDefinition): SourceIntegration => {
    if (!NAME.test(i.name) || seen.has(i.name)) throw new Error(`Source ${definition.name}: integration "${i.name}" is not a unique lower-case name.`);
    seen.add(i.name);
    const label = definition.labelPrefix ? `${definition.labelPrefix} ${i.label}` : i.label;
    const ordersOf = definition.ordersOf ? { ordersOf: definition.ordersOf } : {};
    return { ...i, source: identity.name, path: `${identity.prefix}/${i.name}`, label, shortLabel: i.label, direction, ...ordersOf };
  });
  const { offHint: _, ...named } = identity;
  return { ...built, ...named, integrations, direction };
}
