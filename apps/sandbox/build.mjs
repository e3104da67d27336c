// `pnpm --filter @backoffice/sandbox build`: dist/main.js, the three provider sandboxes in one process.
import { bundleServer } from '../../scripts/bundle-server.mjs';

await bundleServer({ appDir: import.meta.dirname, entryPoints: ['main.ts'] });
