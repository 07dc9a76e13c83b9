// Checks postings against the D365 field tables the bridge bundles (src/targets/d365), the one
// copy of the published spec in this repository, so a translation that drifts from it fails here.
import { expect } from 'vitest';
import { checkMessage, d365MessageSpecs } from '../../src/targets/d365/message-spec.js';

export const specs = d365MessageSpecs;

export function expectValidD365(messageType: string, content: unknown) {
  expect(checkMessage(specs, messageType, content), `${messageType} ${JSON.stringify(content)}`).toEqual([]);
}

/** Every posting's stored content is a valid D365 message of its type. */
export function expectValidPostings(postings: { messageType: string; content: string }[]) {
  for (const p of postings) expectValidD365(p.messageType, JSON.parse(p.content));
}
