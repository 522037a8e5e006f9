/** An officer's browser reduced to HTTP: cookies, the login form, CSRF fields, form posts. */

export class DashboardClient {
  private readonly jar = new Map<string, string>();

  constructor(
    readonly base: string,
    readonly forwardedFor?: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    return { ...(cookie ? { cookie } : {}), ...(this.forwardedFor ? { 'x-forwarded-for': this.forwardedFor } : {}), ...extra };
  }

  private keep(res: Response): void {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      const value = pair.slice(i + 1);
      if (value) this.jar.set(pair.slice(0, i), value);
      else this.jar.delete(pair.slice(0, i));
    }
  }

  /** GET a dashboard path; returns status and HTML. */
  async get(path: string): Promise<{ status: number; html: string; location: string | null }> {
    const res = await fetch(this.base + path, { headers: this.headers(), redirect: 'manual' });
    this.keep(res);
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  }

  /** The `_csrf` value of the first form on a page. */
  static csrfOf(html: string): string {
    const m = /name="_csrf" value="([^"]+)"/.exec(html);
    if (!m) throw new Error('no CSRF field on the page');
    return m[1];
  }

  /** POST a urlencoded form; returns status, HTML and redirect target. */
  async post(path: string, form: Record<string, string>, extraHeaders: Record<string, string> = {}): Promise<{ status: number; html: string; location: string | null }> {
    const res = await fetch(this.base + path, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded', ...extraHeaders }),
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
    this.keep(res);
    return { status: res.status, html: await res.text(), location: res.headers.get('location') };
  }

  /** POST a multipart form with one file. */
  async upload(path: string, fields: Record<string, string>, file: { field: string; name: string; content: string }): Promise<{ status: number; html: string }> {
    const fd = new FormData();
    for (const [k, v] of Object.entries(fields)) fd.append(k, v);
    fd.append(file.field, new Blob([file.content], { type: 'text/csv' }), file.name);
    const res = await fetch(this.base + path, { method: 'POST', headers: this.headers(), body: fd, redirect: 'manual' });
    this.keep(res);
    return { status: res.status, html: await res.text() };
  }

  /** Signs in through the login form; returns the status of the login POST (303 when signed in). */
  async login(username: string, password: string): Promise<number> {
    const page = await this.get('/dashboard/login');
    const res = await this.post('/dashboard/login', { _csrf: DashboardClient.csrfOf(page.html), username, password });
    return res.status;
  }

  /** The dashboard session cookie as `name=value` (for fetch calls outside this client). */
  sessionCookie(): string {
    const name = [...this.jar.keys()].find((k) => k.endsWith('helpline_session'));
    if (!name) throw new Error('not signed in');
    return `${name}=${this.jar.get(name)}`;
  }

  /** A fresh CSRF token for the signed-in session (from the overview page). */
  async csrf(): Promise<string> {
    return DashboardClient.csrfOf((await this.get('/dashboard')).html);
  }
}

/** Signs in through the login form as a script would and returns the session cookie (`name=value`) for plain fetch calls. */
export async function signInCookie(base: string, username: string, password: string): Promise<string> {
  const client = new DashboardClient(base);
  const status = await client.login(username, password);
  if (status !== 303) throw new Error(`signing in as ${username} answered ${status}`);
  return client.sessionCookie();
}
