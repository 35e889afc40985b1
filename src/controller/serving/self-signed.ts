// A self-signed serving certificate made in memory at start, as controller-runtime's metrics server
// does when it is given no certificate directory: scrapers that skip verification (kubebuilder's
// ServiceMonitor sets insecureSkipVerify) still get an encrypted connection, and the bearer tokens
// they send never cross the network in clear text.
import { generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { isIP } from "node:net";
import {
  bitString,
  boolean,
  explicit,
  implicit,
  objectIdentifier,
  octetString,
  sequence,
  set,
  time,
  tlv,
  unsignedInteger,
  utf8String,
} from "./der.js";

export interface ServingCertificate {
  /** PEM. */
  cert: string;
  /** PEM (PKCS #8). */
  key: string;
}

export interface SelfSignedOptions {
  /** Subject common name. */
  commonName: string;
  /** DNS names and IP addresses of the subjectAltName extension. */
  hosts: readonly string[];
  /** Start of validity; the certificate is valid from an hour before (clock skew) for validityDays. */
  now: Date;
  validityDays: number;
}

const OID = {
  ecdsaWithSha256: "1.2.840.10045.4.3.2",
  commonName: "2.5.4.3",
  keyUsage: "2.5.29.15",
  subjectAltName: "2.5.29.17",
  basicConstraints: "2.5.29.19",
  extKeyUsage: "2.5.29.37",
  serverAuth: "1.3.6.1.5.5.7.3.1",
};

const HOUR_MS = 3600_000;

function ipBytes(ip: string): Buffer {
  if (isIP(ip) === 4) return Buffer.from(ip.split(".").map(Number));
  // IPv6: expand "::" and write eight 16-bit groups.
  const [head = "", tail] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill("0"), ...t];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(parseInt(g, 16), i * 2));
  return out;
}

const extension = (oid: string, critical: boolean, value: Buffer): Buffer =>
  sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));

const name = (commonName: string): Buffer =>
  sequence(set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))));

/** An ECDSA P-256 key and a self-signed X.509 v3 server certificate for it. */
export function selfSignedCertificate(opts: SelfSignedOptions): ServingCertificate {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const serial = randomBytes(16);
  serial[0]! &= 0x7f; // positive, at most 20 octets (RFC 5280 4.1.2.2)
  const notBefore = new Date(opts.now.getTime() - HOUR_MS);
  const notAfter = new Date(opts.now.getTime() + opts.validityDays * 24 * HOUR_MS);
  const altNames = opts.hosts.map((h) => (isIP(h) ? implicit(7, ipBytes(h)) : implicit(2, Buffer.from(h, "ascii"))));
  const tbs = sequence(
    explicit(0, unsignedInteger(Buffer.from([2]))), // v3
    unsignedInteger(serial),
    algorithm,
    name(opts.commonName),
    sequence(time(notBefore), time(notAfter)),
    name(opts.commonName),
    publicKey.export({ type: "spki", format: "der" }),
    explicit(
      3,
      sequence(
        extension(OID.basicConstraints, true, sequence()), // not a CA
        // digitalSignature: bit 0, the other 7 bits unused (DER drops trailing zero bits of named bits)
        extension(OID.keyUsage, true, tlv(0x03, Buffer.from([0x07, 0x80]))),
        extension(OID.extKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
        extension(OID.subjectAltName, false, sequence(...altNames)),
      ),
    ),
  );
  const signature = sign("sha256", tbs, privateKey); // DER-encoded ECDSA signature
  const der = sequence(tbs, algorithm, bitString(signature));
  const base64 = der.toString("base64").replace(/.{64}/g, "$&\n");
  return {
    cert: `-----BEGIN CERTIFICATE-----\n${base64.replace(/\n$/, "")}\n-----END CERTIFICATE-----\n`,
    key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}
