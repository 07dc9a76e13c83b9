// Two chart shapes, drawn as SVG on the server: no library, no script, nothing for the CSP to
// allow, and the picture is there before any script runs. Colours come from console-styles.ts
// (class per series) and every chart has its numbers in words beside it.

const W = 1000;
const H = 160;
const LEFT = 40;
const BOTTOM = 18;

/** A round axis top: 1, 2, 5, 10, 20, 50, ... at or above the tallest bar. */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const step = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((f) => f * step).find((v) => v >= n)!;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

export interface Column {
  /** Hover text: when, and what it holds. */
  title: string;
  parts: { series: string; value: number }[];
}

/** Stacked columns over time, oldest left; x labels under the first, middle and last. */
export function StackedColumns({ columns, series, xLabels, label }: { columns: Column[]; series: readonly string[]; xLabels: [string, string, string]; label: string }) {
  const top = niceMax(Math.max(0, ...columns.map((c) => c.parts.reduce((s, p) => s + p.value, 0))));
  const plotW = W - LEFT;
  const plotH = H - BOTTOM;
  const bw = plotW / Math.max(1, columns.length);
  const y = (v: number) => plotH - (v / top) * plotH;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      {[0, top / 2, top].map((v) => (
        <>
          <line class="grid" x1={LEFT} x2={W} y1={y(v)} y2={y(v)} />
          <text class="axis" x={LEFT - 4} y={Math.max(10, y(v) + 4)} text-anchor="end">{fmt(v)}</text>
        </>
      ))}
      {columns.map((c, i) => {
        if (!c.parts.some((p) => p.value > 0)) return null;
        let base = 0;
        return (
          <g>
            <title>{c.title}</title>
            {series.map((s) => {
              const v = c.parts.find((p) => p.series === s)?.value ?? 0;
              if (v <= 0) return null;
              const rect = <rect class={`s-${s}`} x={(LEFT + i * bw + 0.5).toFixed(1)} width={Math.max(1, bw - 1).toFixed(1)} y={y(base + v).toFixed(1)} height={((v / top) * plotH).toFixed(1)} />;
              base += v;
              return rect;
            })}
          </g>
        );
      })}
      <text class="axis" x={LEFT} y={H - 4}>{xLabels[0]}</text>
      <text class="axis" x={LEFT + plotW / 2} y={H - 4} text-anchor="middle">{xLabels[1]}</text>
      <text class="axis" x={W} y={H - 4} text-anchor="end">{xLabels[2]}</text>
    </svg>
  );
}

export interface Bar {
  label: string;
  parts: { series: string; value: number }[];
  /** The numbers in words, shown beside the bar. */
  text: string;
}

/**
 * One horizontal bar per row (a target), stacked by series, all on one scale. The words are
 * HTML beside a thin SVG strip, so they stay readable however narrow the chart is drawn.
 */
export function HorizontalBars({ bars, series, label }: { bars: Bar[]; series: readonly string[]; label: string }) {
  const top = Math.max(1, ...bars.map((b) => b.parts.reduce((s, p) => s + p.value, 0)));
  return (
    <div class="hbars" role="list" aria-label={label}>
      {bars.map((b) => {
        let x = 0;
        return (
          <div class="hbar" role="listitem">
            <div><strong>{b.label}</strong> — <span class="hbar-words">{b.text}</span></div>
            <svg viewBox="0 0 1000 10" preserveAspectRatio="none" aria-hidden="true">
              <title>{`${b.label}: ${b.text}`}</title>
              <rect class="track" width="1000" height="10" />
              {series.map((s) => {
                const v = b.parts.find((p) => p.series === s)?.value ?? 0;
                if (v <= 0) return null;
                const w = (v / top) * 1000;
                const rect = <rect class={`s-${s}`} x={x.toFixed(1)} width={Math.max(2, w).toFixed(1)} height="10" />;
                x += w;
                return rect;
              })}
            </svg>
          </div>
        );
      })}
    </div>
  );
}

/** Which colour is which, in words. */
export function Legend({ series, names }: { series: readonly string[]; names: Record<string, string> }) {
  return (
    <p class="legend">
      {series.map((s) => (
        <span><svg viewBox="0 0 10 10" aria-hidden="true"><rect class={`s-${s}`} width="10" height="10" /></svg>{names[s] ?? s}</span>
      ))}
    </p>
  );
}
