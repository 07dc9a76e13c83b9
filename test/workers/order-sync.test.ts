// ERP -> MES order sync inside workerd on D1: D365 business events in, and (the fakes standing
// in for fetch) OData reads and the MES targets out.
import { d365SourceCases } from '../cases/d365-source-cases.js';
import { ORDER_SYNC_ENV } from '../support/d365-business-events.js';
import { workerHarness } from './worker-harness.js';

d365SourceCases(workerHarness, () => ORDER_SYNC_ENV);

import { orderReadCases } from '../cases/order-read-cases.js';
import { inWorkerFakeOrderSync } from './fake-order-sync-in-worker.js';

orderReadCases(workerHarness, () => inWorkerFakeOrderSync());

import { nextplusOrderCases } from '../cases/nextplus-orders-cases.js';

nextplusOrderCases(workerHarness, () => inWorkerFakeOrderSync());

import { orderLoopCases } from '../cases/order-loop-cases.js';
import { vifOrderCases } from '../cases/vif-orders-cases.js';

orderLoopCases(workerHarness, () => inWorkerFakeOrderSync());
vifOrderCases(workerHarness, () => inWorkerFakeOrderSync());

import { orderWithdrawalCases } from '../cases/order-withdrawal-cases.js';

orderWithdrawalCases(workerHarness, () => inWorkerFakeOrderSync());
