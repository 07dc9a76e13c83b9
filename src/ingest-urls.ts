// The three URLs an admin pastes into Next Plus's Integration Builder, token included
// (Next Plus can be given nothing but a URL).
import { integrations } from './integrations/integrations.js';

export function ingestUrls(baseUrl: string, token: string) {
  const base = baseUrl.replace(/\/+$/, '');
  return integrations.map((i) => ({
    label: i.label,
    url: `${base}${i.path}?token=${encodeURIComponent(token)}`,
  }));
}
