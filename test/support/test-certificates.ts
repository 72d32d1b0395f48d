/** A throwaway CA with a server certificate and client certificates, made with openssl for TLS tests. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  readonly ca: Buffer;
  readonly server: { readonly cert: Buffer; readonly key: Buffer };
  /** By subject CN. */
  readonly clients: Readonly<Record<string, { readonly cert: Buffer; readonly key: Buffer }>>;
}

/** A CA, a server certificate for `localhost`, and one client certificate per CN. */
export function makeTestCertificates(clientNames: readonly string[]): TestCertificates {
  const dir = mkdtempSync(join(tmpdir(), 'ecm-tls-'));
  try {
    const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
    ssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '1', '-subj', '/CN=test-ca');
    const issue = (file: string, cn: string) => {
      ssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${file}.key`, '-out', `${file}.csr`, '-subj', `/CN=${cn}`);
      ssl('x509', '-req', '-in', `${file}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${file}.pem`, '-days', '1');
      return { cert: readFileSync(join(dir, `${file}.pem`)), key: readFileSync(join(dir, `${file}.key`)) };
    };
    const server = issue('server', 'localhost');
    const clients = Object.fromEntries(clientNames.map((cn, n) => [cn, issue(`client${n}`, cn)]));
    return { ca: readFileSync(join(dir, 'ca.pem')), server, clients };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
