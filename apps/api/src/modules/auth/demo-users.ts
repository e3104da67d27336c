/**
 * Demo accounts, one per role (two analysts, so four-eyes can be tried), created only when the API runs
 * in demo mode. These passwords are published in the README: they are not secrets and must never
 * exist on a production install, which is why nothing creates them outside DEMO_MODE.
 * Kept free of imports so the stack script and the e2e setup can read it too.
 */
export const DEMO_USERS = [
  { email: 'analyst@demo.local', name: 'Alex Analyst', role: 'analyst', password: 'demo-analyst-password' },
  {
    email: 'analyst2@demo.local',
    name: 'Sam Second-Analyst',
    role: 'analyst',
    password: 'demo-analyst2-password',
  },
  { email: 'manager@demo.local', name: 'Morgan Manager', role: 'manager', password: 'demo-manager-password' },
  { email: 'admin@demo.local', name: 'Ada Admin', role: 'admin', password: 'demo-admin-password' },
] as const;
