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

export function DirectionTag({ direction }: { direction: Direction | undefined }) {
  if (!direction) return <></>;
  return <span class="muted nowrap" title={words[direction].long} data-direction={direction}>{words[direction].short}</span>;
}
