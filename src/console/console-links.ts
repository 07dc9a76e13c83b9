// Where the console shows a production order. The order travels in the query string, not the
// path: an order named `.` or `..` (or `%2e%2e`) is a dot segment that browsers and proxies
// resolve away before the request is made, so a path could never reach its page.
export const orderHref = (order: string) => `/console/order?id=${encodeURIComponent(order)}`;

/** The form action that retries an order's failed postings, optionally at one target. */
export const orderRetryHref = (order: string, target?: string) =>
  `/console/order/retry?id=${encodeURIComponent(order)}${target ? `&target=${encodeURIComponent(target)}` : ''}`;

/** The events list with these filters (a target's waiting postings, an integration's deliveries). */
export const eventsHref = (filters: Record<string, string>) => `/console/events?${new URLSearchParams(filters).toString()}`;
