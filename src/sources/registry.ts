// Every source the bridge can receive from. Adding one is its folder plus one line here
// (docs/architecture.md, "Add a source").
import { d365Source } from './d365/d365-source.js';
import { nextplusSource } from './nextplus/nextplus-source.js';
import { proficySource } from './proficy/proficy-source.js';
import { vifSource } from './vif/vif-source.js';
import type { SourceDefinition } from './source.js';

export const sourceDefinitions: readonly SourceDefinition[] = [nextplusSource, proficySource, d365Source, vifSource];
