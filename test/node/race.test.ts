// Forces the race the pre-check usually hides: every delivery looks up its key before any of
// them has committed, so only the store's claim can keep the posting single.
import { afterEach, expect, it } from 'vitest';
import type { LedgerStore } from '../../src/store/ledger-store.js';
import { realEvent } from '../support/fixtures.js';
import { allDeliveries, allPostings, post, type Harness } from '../support/harness.js';
import { nodeHarness } from './node-harness.js';

let h: Harness;
afterEach(() => h.close());

const blindPreCheck = (store: LedgerStore): LedgerStore =>
  Object.assign(Object.create(store) as LedgerStore, { findKeyOwner: async () => undefined, commitEvent: store.commitEvent.bind(store) });

it('identical deliveries that all pass the pre-check still post once', async () => {
  h = await nodeHarness({ wrapStore: blindPreCheck });
  const body = realEvent('item-attach-add');
  const answers = await Promise.all(Array.from({ length: 20 }, () => post(h, '/nextplus/item-attach', body)));
  const ids = await Promise.all(answers.map(async (r) => ((await r.json()) as { externalId: string }).externalId));
  expect(new Set(ids).size).toBe(1);
  expect(await allPostings(h)).toHaveLength(1);
  expect((await allDeliveries(h)).filter((d) => d.outcome === 'duplicate')).toHaveLength(19);
});
