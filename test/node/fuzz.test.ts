// The fuzz suite on Node, against a real SQLite file.
import { fuzzCases } from '../cases/fuzz-cases.js';
import { fuzzKeysCases } from '../cases/fuzz-keys-cases.js';
import { nodeHarness } from './node-harness.js';

fuzzCases(nodeHarness);
fuzzKeysCases(nodeHarness);
