// Drives the console the way a browser does: form posts, a session cookie, the CSRF token
// read from the page. For route tests in every runtime's suite.
import { ADMIN_TEST_TOKEN, type Harness } from './harness.js';

export interface Page {
  status: number;
  location: string | null;
  html: string;
}

export async function readPage(res: Response): Promise<Page> {
  return { status: res.status, location: res.headers.get('location'), html: await res.text() };
}

/** A form post as a browser sends it from a console page: with its Origin (app.request's host). */
export function form(fields: Record<string, string>, origin = 'http://localhost'): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', origin }, body: new URLSearchParams(fields).toString() };
}

export class ConsoleClient {
  cookie = '';
  constructor(private readonly h: Harness) {}

  async login(name = 'Jane Doe', token = ADMIN_TEST_TOKEN): Promise<Page> {
    const res = await this.h.request('/console/login', form({ name, token }));
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return readPage(res);
  }

  async get(path: string): Promise<Page> {
    return readPage(await this.h.request(path, { headers: { cookie: this.cookie } }));
  }

  /** The CSRF token of the session, as every console page carries it. */
  async csrf(): Promise<string> {
    const { html } = await this.get('/console');
    return html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
  }

  async post(path: string, fields: Record<string, string> = {}, extraHeaders: Record<string, string> = {}): Promise<Page> {
    const init = form(fields);
    init.headers = { ...(init.headers as Record<string, string>), cookie: this.cookie, ...extraHeaders };
    return readPage(await this.h.request(path, init));
  }

  /** A POST with the session's CSRF token, as the page's own button sends it. */
  async act(path: string, fields: Record<string, string> = {}): Promise<Page> {
    return this.post(path, { _csrf: await this.csrf(), ...fields });
  }
}

/** Text content of an HTML fragment, tags dropped and entities of interest decoded. */
export const textOf = (html: string) =>
  html.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/\s+/g, ' ');
