// Checks postings against the D365 field tables in shared/spec (the source of truth, not the
// copy in src/), so a translation that drifts from the spec fails here.
import { expect } from 'vitest';
import sharedSpec from '../../../shared/spec/d365-mes-messages.json';
import { checkMessage, type MessageSpecs } from '../../src/d365/message-spec.js';

export const specs = sharedSpec as MessageSpecs;

export function expectValidD365(messageType: string, content: unknown) {
  expect(checkMessage(specs, messageType, content), `${messageType} ${JSON.stringify(content)}`).toEqual([]);
}
