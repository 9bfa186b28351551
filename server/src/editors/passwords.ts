import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the OWASP minimum (19 MiB, 2 passes, 1 lane): about 30 ms a hash here, which keeps a
 * guessing attack on a leaked table slow without making logins slow.
 */
// algorithm 2 is Algorithm.Argon2id: the package's const enum cannot be read under isolatedModules.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A hash of nothing anyone can type, verified for unknown names so that timing does not tell which names exist. */
let decoy: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  const target = passwordHash ?? (await decoy);
  const ok = await verify(target, password).catch(() => false);
  return passwordHash !== null && ok;
}
