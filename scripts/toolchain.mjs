// Shared by the start and test commands. Plain Node (no dependencies): it runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PNPM_VERSION = '10.34.9';

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function mustRun(command, args, options = {}) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n✖ ${command} ${args.join(' ')} failed with exit code ${status}`);
    process.exit(status);
  }
}

function pnpmVersion() {
  const result = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Installs the pinned pnpm globally when it is missing or another version (pnpm 11 needs Node 22). */
export function ensurePnpm() {
  if (pnpmVersion() === PNPM_VERSION) return;
  console.log(`→ installing pnpm ${PNPM_VERSION}`);
  mustRun('npm', ['install', '--global', `pnpm@${PNPM_VERSION}`]);
}

export function installDependencies() {
  console.log('→ installing dependencies (pnpm install)');
  mustRun('pnpm', ['install', '--frozen-lockfile']);
}

/** `pnpm build`: the SPA, and the API and the sandboxes as plain JavaScript (apps/<app>/dist). */
export function buildAll() {
  console.log('→ building the web app, the API and the sandboxes');
  mustRun('pnpm', ['build']);
}

export function buildWeb() {
  console.log('→ building the web app');
  mustRun('pnpm', ['--filter', '@backoffice/web', 'build']);
}

/** Debian's chromium for the end-to-end tests; browser downloads are not possible on these machines. */
export function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  console.log('→ installing Debian chromium for end-to-end tests');
  const asRoot = process.getuid?.() === 0;
  const apt = (args) => (asRoot ? mustRun('apt-get', args) : mustRun('sudo', ['apt-get', ...args]));
  apt(['update']);
  apt(['install', '-y', '--no-install-recommends', 'chromium', 'fonts-dejavu-core']);
}
