// Which way a delivery went, by its source's declared direction: the shop floor reporting to the
// ERP, or the ERP telling the MES what to make. Unknown for a source no longer switched on.
import type { Direction, Source } from '../../sources/source.js';

/** Each switched-on source's direction, by its name. */
export type Directions = Record<string, Direction>;

export const directionsOf = (sources: readonly Pick<Source, 'name' | 'direction'>[]): Directions => Object.fromEntries(sources.map((s) => [s.name, s.direction]));

const words: Record<Direction, { short: string; long: string }> = {
  'mes-to-erp': { short: 'MES → ERP', long: 'reported by the MES, posted to the ERP' },
  'erp-to-mes': { short: 'ERP → MES', long: 'decided in the ERP, sent to the MES' },
};

/**
 * The verb of the ERP's verdict on a posting the bridge sent it (D365's message processor): it
 * comes from the ERP, but it is neither an order event nor ERP -> MES, it answers MES -> ERP.
 */
export const VERDICT = 'verdict';
export const isVerdict = (e: { eventType: string | null }) => e.eventType === VERDICT;

/** Which way an event went: its source's direction, or the ERP's verdict. */
export type Shown = Direction | 'erp-verdict';
export const shownDirection = (e: { source: string; eventType: string | null }, directions: Directions | undefined): Shown | undefined => (isVerdict(e) ? 'erp-verdict' : directions?.[e.source]);

const shownWords: Record<Shown, { short: string; long: string }> = {
  ...words,
  'erp-verdict': { short: 'ERP verdict', long: "the ERP's answer on a posting the bridge sent it (MES → ERP)" },
};

export function DirectionTag({ direction }: { direction: Shown | undefined }) {
  if (!direction) return <></>;
  return <span class="muted nowrap" title={shownWords[direction].long} data-direction={direction}>{shownWords[direction].short}</span>;
}
