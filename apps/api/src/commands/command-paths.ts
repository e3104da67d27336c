import { resolve } from 'node:path';

/**
 * A path given to a command, made absolute against the folder the user ran `pnpm` in (INIT_CWD), not the
 * package folder pnpm switches to: `pnpm backup --to ./b.sqlite` lands where the user expects.
 */
export function commandPath(path: string, initCwd: string | undefined): string {
  return resolve(initCwd ?? process.cwd(), path);
}
