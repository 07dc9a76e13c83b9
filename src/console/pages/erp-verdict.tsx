// The ERP's own verdict on a delivered posting, read back later (D365's message processor):
// "failed in D365: <its text>" or "confirmed by D365". Shown wherever a posting is, so a
// delivered posting the ERP failed afterwards does not pass for a success.
import { asSentence } from '../../core/sentence.js';
import type { PostingRow } from '../../store/ledger-rows.js';

/** The verdict in words, or undefined when none was heard. */
export function verdictText(p: Pick<PostingRow, 'target' | 'erpVerdict' | 'erpVerdictMessage'>): string | undefined {
  const erp = p.target.toUpperCase();
  if (p.erpVerdict === 'failed') return `failed in ${erp}: ${p.erpVerdictMessage ?? '(no error text)'}`;
  if (p.erpVerdict === 'processed') return `confirmed by ${erp}`;
  return undefined;
}

export function ErpVerdict({ posting }: { posting: PostingRow }) {
  const text = verdictText(posting);
  if (!text) return null;
  return <span class={`verdict ${posting.erpVerdict === 'failed' ? 'bad' : 'ok'}`}>{text}</span>;
}

/** Above an order's timeline: its delivered postings the ERP failed, each with the ERP's text. */
export function ErpFailures({ postings }: { postings: PostingRow[] }) {
  const failed = postings.filter((p) => p.erpVerdict === 'failed');
  return (
    <>
      {failed.map((p) => (
        <div class="banner bad">
          Posting <a href={`/console/events/${p.deliveryId}#posting-${p.id}`}>#{p.id}</a> ({p.messageType}) was delivered, then {asSentence(verdictText(p) ?? '')} Fix and reprocess it in {p.target.toUpperCase()}'s message processor.
        </div>
      ))}
    </>
  );
}
