// The fuzz suite inside workerd, against D1.
import { fuzzCases } from '../cases/fuzz-cases.js';
import { fuzzKeysCases } from '../cases/fuzz-keys-cases.js';
import { workerHarness } from './worker-harness.js';

fuzzCases(workerHarness);
fuzzKeysCases(workerHarness);
