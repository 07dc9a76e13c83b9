// Target health and quiet lines over real HTTP: the fake D365 listens on localhost, so a refused
// connection is a real ECONNREFUSED.
import { quietLineCases } from '../cases/quiet-line-cases.js';
import { targetHealthCases } from '../cases/target-health-cases.js';
import { serveFakeD365 } from './fake-d365-server.js';
import { nodeHarness } from './node-harness.js';

targetHealthCases(nodeHarness, serveFakeD365);
quietLineCases(nodeHarness, serveFakeD365);
