import { Layout } from './layout.js';

export function LoginPage({ error, name }: { error?: string; name?: string }) {
  return (
    <Layout frame={{ title: 'Sign in' }}>
      <div class="login panel">
        <h1>mes-erp-bridge console</h1>
        <p class="muted">Sign in with the bridge's ADMIN_TOKEN. Your name goes into the record of every action you take.</p>
        {error && <div class="notice error" role="alert">{error}</div>}
        <form method="post" action="/console/login">
          <label>
            Your name
            <input name="name" required maxlength={60} autocomplete="name" value={name ?? ''} />
          </label>
          <label>
            Admin token
            <input name="token" type="password" required autocomplete="current-password" />
          </label>
          <button type="submit">Sign in</button>
        </form>
      </div>
    </Layout>
  );
}
