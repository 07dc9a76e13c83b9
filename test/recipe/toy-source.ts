// A throwaway source written from docs/architecture.md's "Add a source" alone: if the recipe
// leaves out a field the core needs, this stops compiling or test/node/recipe.test.ts fails.
import { z } from 'zod';
import { requiredText } from '../../src/sources/fields.js';
import type { SourceDefinition } from '../../src/sources/source.js';

const ping = z.object({ order: requiredText, quantity: z.number().positive() });
type Ping = z.infer<typeof ping>;

export const toySource: SourceDefinition<{ dedupeWindowMs: number }> = {
  name: 'toy',
  label: 'Toy MES',
  settings: (_env, common) => ({ dedupeWindowMs: common.dedupeWindowMs }),
  create: ({ dedupeWindowMs }) => ({
    integrations: [
      {
        name: 'ping',
        label: 'Ping',
        idPrefix: 'TOY',
        schema: ping,
        notAccepted: (problems) => `Ping not accepted: ${problems}.`,
        summarize: (p: Ping) => ({ productionOrder: p.order }),
        fingerprintWindowMs: dedupeWindowMs,
        interpret: (p: Ping, ctx) => ({ kind: 'post', events: () => [{ kind: 'order-started', productionOrder: p.order, date: ctx.date, quantity: p.quantity }] }),
      },
    ],
    answer: (id) => ({ id }),
    connectHint: 'Point the toy at these',
    testHint: 'Add ?test=1 to try one.',
  }),
};
