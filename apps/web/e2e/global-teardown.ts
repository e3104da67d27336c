import { rmSync } from 'node:fs';
import { stackFilePath } from './stackFile';

export default async function globalTeardown() {
  await globalThis.__backofficeE2eStack?.stop();
  rmSync(stackFilePath(), { force: true });
}
