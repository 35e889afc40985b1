// The metrics server's certificate: tls.crt and tls.key from --metrics-cert-dir (a mounted
// kubernetes.io/tls Secret, for example cert-manager's), re-read when they change as
// controller-runtime's certwatcher does; without a directory, a self-signed one made at start.
import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import type { Clock, TimerHandle } from "../runtime/clock.js";
import { selfSignedCertificate, type ServingCertificate } from "./self-signed.js";

export const CERT_FILE = "tls.crt";
export const KEY_FILE = "tls.key";
/** How often the directory is read again for a renewed certificate (certwatcher polls every 10 s). */
export const CERT_POLL_MS = 10_000;
/** controller-runtime's self-signed certificate lasts a year; the operator makes a new one each start. */
const SELF_SIGNED_VALIDITY_DAYS = 365;

export function readCertDir(dir: string): ServingCertificate {
  const read = (file: string) => {
    try {
      return readFileSync(join(dir, file), "utf8");
    } catch (err) {
      throw new Error(`--metrics-cert-dir ${dir}: cannot read ${file}: ${(err as Error).message}`, { cause: err });
    }
  };
  return { cert: read(CERT_FILE), key: read(KEY_FILE) };
}

export function selfSignedServingCertificate(now: Date): ServingCertificate {
  return selfSignedCertificate({
    commonName: "compositeapp-metrics",
    hosts: ["localhost", "127.0.0.1", "::1", hostname()],
    now,
    validityDays: SELF_SIGNED_VALIDITY_DAYS,
  });
}

/**
 * Calls onChange with the directory's certificate whenever its files change, until the returned
 * function is called; a read that fails (a Secret being swapped) keeps the current one.
 */
export function watchCertDir(
  dir: string,
  initial: ServingCertificate,
  clock: Clock,
  onChange: (cert: ServingCertificate) => void,
  onError: (err: Error) => void,
): () => void {
  let current = initial;
  let timer: TimerHandle | undefined;
  const poll = () => {
    try {
      const next = readCertDir(dir);
      if (next.cert !== current.cert || next.key !== current.key) {
        onChange(next);
        current = next;
      }
    } catch (err) {
      onError(err as Error);
    }
    timer = clock.setTimeout(poll, CERT_POLL_MS);
  };
  timer = clock.setTimeout(poll, CERT_POLL_MS);
  return () => clock.clearTimeout(timer);
}
