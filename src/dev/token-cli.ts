/**
 * `npm run token -- <role> <organisation> [--sub <subject>] [--lcm <Lead Care Manager ID>] [--hours <n>]`
 * prints a bearer token for local use, signed with the same development secret `npm start` verifies
 * with (`.data/token-secret`, or ECM_JWT_SECRET when set). It cannot issue tokens for a JWKS setup:
 * there the identity provider issues them.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../infra/config';
import { issueToken } from '../infra/auth/issue-token';
import { ROLES, tokenClaimsSchema, type Role } from '../infra/auth/principal';

async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { sub: { type: 'string' }, lcm: { type: 'string' }, hours: { type: 'string', default: '8' } },
  });
  const [role, organisation] = positionals;
  if (!role || !organisation || !(ROLES as readonly string[]).includes(role)) {
    console.error(`usage: npm run token -- <${ROLES.join('|')}> <organisation> [--sub <subject>] [--lcm <care manager ID>] [--hours <n>]`);
    process.exit(2);
  }
  const hours = Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 12) {
    console.error('--hours must be more than 0 and at most 12 (tokens older than 12 hours are refused)');
    process.exit(2);
  }
  const subject = values.sub ?? `dev-${role}`;
  const claims = tokenClaimsSchema.safeParse({ sub: subject, role, org: organisation, ...(values.lcm ? { lcm: values.lcm } : {}) });
  if (!claims.success) {
    console.error(claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
    process.exit(2);
  }
  const config = loadConfig();
  if (config.tokens.kind !== 'secret') {
    console.error('ECM_JWT_JWKS_URL is set: tokens come from your identity provider, not from this command');
    process.exit(2);
  }
  const token = await issueToken(config.tokens, {
    subject,
    role: role as Role,
    organisation,
    ...(values.lcm ? { careManagerId: values.lcm } : {}),
    lifetimeSeconds: Math.round(hours * 3600),
  });
  process.stdout.write(`${token}\n`);
}

main().catch((err: unknown) => {
  console.error((err as Error).message);
  process.exit(1);
});
