import { DEMO_USERS } from '../src/modules/auth/demo-users';

/** Signs in through the API under test as the demo user of `role`; returns the session cookie to send. */
export async function signInAs(url: string, role: (typeof DEMO_USERS)[number]['role']): Promise<string> {
  const user = DEMO_USERS.find((candidate) => candidate.role === role)!;
  const login = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url },
    body: JSON.stringify({ email: user.email, password: user.password }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error(`bench ${role} sign-in failed: ${login.status}`);
  return cookie;
}

/** The `p` quantile (0..1) of timings sorted ascending, by nearest rank. */
export const quantile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
