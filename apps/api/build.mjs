// `pnpm --filter @backoffice/api build`: dist/main.js (the server) and dist/commands/*.js (operator
// commands), plus the migrations the server applies at start, copied beside the bundle so dist/ does not
// depend on where the repository's drizzle/ folder sits.
import { bundleServer } from '../../scripts/bundle-server.mjs';

await bundleServer({
  appDir: import.meta.dirname,
  entryPoints: [
    'main.ts',
    'commands/create-admin.ts',
    'commands/audit-verify.ts',
    'commands/evidence-verify.ts',
    'commands/backup.ts',
  ],
  copy: [['../../drizzle', 'drizzle']],
});
