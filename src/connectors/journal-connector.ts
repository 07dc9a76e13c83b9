// The embedded default: the bridge's own database is the ERP of record. A posting is
// delivered the moment it is committed with its event, so `npm start` works with no ERP.
import type { ErpConnector } from './erp-connector.js';

export function journalConnector(): ErpConnector {
  return {
    name: 'journal',
    deliversOnCommit: true,
    async send() {
      return { outcome: 'delivered' };
    },
  };
}
