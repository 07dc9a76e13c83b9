// Every target the bridge can post to. Adding one is its folder plus one line here
// (docs/architecture.md, "Add a target").
import { d365Target } from './d365/d365-target.js';
import { journalTarget } from './journal/d365-dry-run.js';
import type { TargetDefinition } from './target.js';
import { webhookTarget } from './webhook/webhook-target.js';

export const targetDefinitions: readonly TargetDefinition<any>[] = [journalTarget, d365Target, webhookTarget];
