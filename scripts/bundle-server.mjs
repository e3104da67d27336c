// Builds a Node server app (the API, the sandboxes) into plain JavaScript with esbuild, so production runs
// `node dist/...` and no TypeScript transpiler at run time. The workspace packages (@backoffice/*) are
// TypeScript sources, so they are bundled in; every other package stays an external import that Node
// resolves from the app's own node_modules at run time (native ones such as better-sqlite3 cannot be
// bundled at all). The build fails when an external is not one of the app's declared dependencies: with
// pnpm's strict layout it would not resolve from dist/ and the server would crash at start.
import { cpSync, readFileSync, rmSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const WORKSPACE_SCOPE = '@backoffice/';

/** `@scope/name/sub/path` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const externalPackages = {
  name: 'external-packages',
  setup(pluginBuild) {
    // Bare specifiers only: relative and absolute paths are our own files.
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith(WORKSPACE_SCOPE) ? undefined : { path: args.path, external: true },
    );
  },
};

/**
 * @param {{ appDir: string, entryPoints: string[], copy?: Array<[from: string, to: string]> }} options
 *   entryPoints relative to the app's src/ (kept as paths under dist/); copy: folders relative to the app,
 *   copied into dist/ for what the code reads from disk beside itself at run time.
 */
export async function bundleServer({ appDir, entryPoints, copy = [] }) {
  const started = performance.now();
  const outdir = join(appDir, 'dist');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: appDir,
    entryPoints: entryPoints.map((entry) => join('src', entry)),
    outbase: 'src',
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    // Several entry points (server, commands) share one copy of the code.
    splitting: true,
    // Stack traces point at the TypeScript sources with `node --enable-source-maps`.
    sourcemap: true,
    outExtension: { '.js': '.js' },
    plugins: [externalPackages],
    metafile: true,
    logLevel: 'warning',
  });

  const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8'));
  const declared = new Set(Object.keys(manifest.dependencies ?? {}));
  const undeclared = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external || isBuiltin(imported.path)) continue;
      const name = packageName(imported.path);
      if (!declared.has(name)) undeclared.add(name);
    }
  }
  if (undeclared.size > 0) {
    rmSync(outdir, { recursive: true, force: true });
    throw new Error(
      `${manifest.name}: the build imports ${[...undeclared].join(', ')} at run time, which ${join(appDir, 'package.json')} does not list under dependencies.`,
    );
  }

  for (const [from, to] of copy) cpSync(resolve(appDir, from), join(outdir, to), { recursive: true });
  console.log(`${manifest.name}: built ${outdir} in ${Math.round(performance.now() - started)} ms`);
}
