/**
 * The one-shot migration job (compose `ecm-migrate`): applies the migrations as the schema owner
 * (`DATABASE_OWNER_URL`), then grants the app role (the user of `DATABASE_URL`) least privilege.
 * It reads only those two variables: the job needs none of the app's secrets.
 */
import { z } from 'zod';
import { prepareDatabase } from './prepare-database';

const env = z
  .object({ DATABASE_OWNER_URL: z.string().url(), DATABASE_URL: z.string().url() })
  .safeParse(process.env);

async function main(): Promise<void> {
  if (!env.success) throw new Error(`set DATABASE_OWNER_URL (the owner, runs migrations) and DATABASE_URL (the app role, granted access): ${env.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const applied = await prepareDatabase({ appUrl: env.data.DATABASE_URL, ownerUrl: env.data.DATABASE_OWNER_URL }, console);
  console.log(JSON.stringify({ msg: 'migrations applied, app role granted', applied }));
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
