// compose.postgres.yaml is an example people start from, and CI can't run Docker: checked as
// text (no YAML parser is a dependency of this project) for what docs/deployment.md promises.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const text = readFileSync('compose.postgres.yaml', 'utf8');

describe('compose.postgres.yaml', () => {
  it('is YAML without tabs, with PostgreSQL, two bridges from one definition and HAProxy', () => {
    expect(text).not.toMatch(/\t/);
    const services = text.slice(text.indexOf('\nservices:'), text.indexOf('\nconfigs:'));
    expect(services.match(/^ {2}[\w-]+:/gm)?.map((l) => l.trim().slice(0, -1))).toEqual(['postgres', 'bridge-a', 'bridge-b', 'haproxy']);
    expect(services).toMatch(/^ {2}bridge-a: \*bridge$/m);
    expect(services).toMatch(/^ {2}bridge-b: \*bridge$/m);
    expect(text).toMatch(/^x-bridge: &bridge$/m);
  });

  it('points the bridges at the postgres service and waits for it to be healthy', () => {
    expect(text).toMatch(/DATABASE_URL: postgres:\/\/bridge:\$\{POSTGRES_PASSWORD[^}]*\}@postgres:5432\/bridge/);
    expect(text).toMatch(/condition: service_healthy/);
    expect(text).not.toMatch(/POSTGRES_PASSWORD: (?!\$\{)/); // the password comes from .env only
  });

  it('has HAProxy check /readyz on both bridges and retry a refused request on the other', () => {
    expect(text).toContain('option httpchk GET /readyz');
    expect(text).toContain('http-check expect status 200');
    for (const b of ['bridge-a', 'bridge-b']) expect(text).toContain(`server ${b} ${b}:8787 check`);
    expect(text).toMatch(/retry-on conn-failure/);
  });
});
