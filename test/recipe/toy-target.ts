// A throwaway target written from docs/architecture.md's "Add a target" alone: it records what
// it is sent, so test/node/recipe.test.ts can see the posting arrive.
import { productionKinds } from '../../src/core/canonical-events.js';
import { conflict } from '../../src/core/domain-errors.js';
import type { PostingToSend } from '../../src/targets/connector.js';
import type { TargetDefinition } from '../../src/targets/target.js';

export const toyReceived: PostingToSend[] = [];

export const toyTarget: TargetDefinition<{ prefix: string }> = {
  name: 'toy-erp',
  label: 'Toy ERP',
  settings: (env) => ({ prefix: env.TOY_ERP_PREFIX ?? 'toy' }),
  create: (settings) => ({
    takes: productionKinds,
    build: (event) => [{ messageType: `${settings.prefix}.${event.kind}`, content: { order: event.productionOrder } }],
    reverse: () => {
      throw conflict('The toy ERP keeps everything.');
    },
    check: (_type, content) => (content && typeof content === 'object' ? [] : ['must be an object']),
    connector: {
      deliversOnCommit: false,
      timeoutMs: 1_000,
      send: async (posting) => {
        toyReceived.push(posting);
        return { outcome: 'delivered' };
      },
    },
  }),
};
