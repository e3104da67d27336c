/**
 * Creates the first admin of a production install (demo users exist only in demo mode):
 *
 *   pnpm create-admin --email ada@example.com --name "Ada Admin"
 *
 * The password is read from the terminal without echo, or from ADMIN_PASSWORD for scripted installs.
 */
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CreateUserRequest } from '@backoffice/contracts';
import { applyMigrations, openDatabase } from '@backoffice/db';
import { readCommandEnv } from '../env';
import { systemAuditContext } from '../modules/audit/emit';
import { createUser } from '../modules/auth/service';

async function askHidden(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const output = rl as unknown as { _writeToOutput: (text: string) => void };
  process.stdout.write(prompt);
  output._writeToOutput = () => {};
  const answer = await new Promise<string>((resolve) => rl.question('', resolve));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
const env = readCommandEnv();
const password = env.ADMIN_PASSWORD ?? (await askHidden('Password (at least 12 characters): '));
const input = CreateUserRequest.safeParse({
  email: values.email,
  name: values.name,
  role: 'admin',
  password,
});
if (!input.success) {
  for (const issue of input.error.issues) console.error(`  ${issue.path.join('.')}: ${issue.message}`);
  console.error('Usage: pnpm create-admin --email <e-mail> --name "<full name>"');
  process.exit(1);
}
const db = openDatabase(env.DATABASE_FILE);
applyMigrations(db);
try {
  const user = await createUser(db, input.data, {
    context: systemAuditContext('bootstrap'),
    now: Date.now(),
  });
  console.log(`Admin ${user.email} created.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  db.close();
}
