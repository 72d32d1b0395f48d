/** `npm run binaries`: fetch both Temporal binaries into the project cache ahead of time (CI, air-gapped installs). */
import { resolveTemporalBinary, TemporalBinaryNotFoundError } from './temporal-binaries';

async function main(): Promise<void> {
  for (const kind of ['cli', 'testServer'] as const) {
    const found = await resolveTemporalBinary(kind);
    console.log(`${kind}: ${found.path} (from ${found.source})`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof TemporalBinaryNotFoundError ? err.message : err);
  process.exit(1);
});
