// What an operator action changed, for the actions table: an edit's fields before and after
// (the ledger keeps both in the action's detail), the rest as they were recorded.
import type { OperatorActionRow } from '../../store/ledger-rows.js';

const shown = (v: unknown) => (v === undefined ? '(none)' : JSON.stringify(v));

/** The fields an edit changed, added or removed, top level first; nested values compared whole. */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): { field: string; before: string; after: string }[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f])).map((f) => ({ field: f, before: shown(before[f]), after: shown(after[f]) }));
}

function editOf(detail: string | null): { before: Record<string, unknown>; after: Record<string, unknown> } | undefined {
  try {
    const d = JSON.parse(detail ?? '') as { before?: unknown; after?: unknown };
    const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
    return isObject(d.before) && isObject(d.after) ? { before: d.before, after: d.after } : undefined;
  } catch {
    return undefined;
  }
}

export function ActionChange({ action }: { action: OperatorActionRow }) {
  const edit = action.action === 'edit' ? editOf(action.detail) : undefined;
  if (!edit) return <span class="muted">–</span>;
  const changes = changedFields(edit.before, edit.after);
  return (
    <>
      {changes.length === 0 ? (
        <span class="muted">saved unchanged</span>
      ) : (
        changes.map((c) => (
          <div class="mono" style="overflow-wrap:anywhere">
            {c.field}: <del>{c.before}</del> → <ins>{c.after}</ins>
          </div>
        ))
      )}
      <details>
        <summary>Before and after</summary>
        <div class="grid2">
          <pre aria-label="Before">{JSON.stringify(edit.before, null, 2)}</pre>
          <pre aria-label="After">{JSON.stringify(edit.after, null, 2)}</pre>
        </div>
      </details>
    </>
  );
}
