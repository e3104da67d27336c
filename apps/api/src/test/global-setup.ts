import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyMigrations, openDatabase } from '@backoffice/db';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A database file with every migration applied; the harness copies it for each API it starts. */
    migratedDatabaseFile: string;
  }
}

/**
 * Applies the migrations once per test run instead of once per test file: each harness starts on a
 * copy, and the API's own start-up still runs the migrator over it (it finds nothing left to apply).
 */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'api-test-template-'));
  const file = join(dir, 'migrated.sqlite');
  const db = openDatabase(file);
  applyMigrations(db);
  // Closing the only connection checkpoints the WAL into the file, so a plain file copy is complete.
  db.close();
  project.provide('migratedDatabaseFile', file);
  return () => rmSync(dir, { recursive: true, force: true });
}
