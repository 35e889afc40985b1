// The serving certificate the operator writes itself, read back with Node's X.509 parser (OpenSSL).
import { X509Certificate, createPrivateKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { objectIdentifier, time, tlv, unsignedInteger } from "../../../../src/controller/serving/der.js";
import { selfSignedCertificate } from "../../../../src/controller/serving/self-signed.js";

describe("selfSignedCertificate", () => {
  const now = new Date("2026-11-30T20:00:00Z");
  const made = selfSignedCertificate({
    commonName: "compositeapp-metrics",
    hosts: ["localhost", "op.example", "127.0.0.1", "::1", "fd00:10::5"],
    now,
    validityDays: 365,
  });
  const cert = new X509Certificate(made.cert);

  it("is signed by its own key, which is the private key returned", () => {
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(made.key))).toBe(true);
    expect(cert.subject).toBe("CN=compositeapp-metrics");
    expect(cert.issuer).toBe(cert.subject);
  });

  it("names every host as a subjectAltName, DNS names and IP addresses alike", () => {
    expect(cert.subjectAltName).toBe(
      "DNS:localhost, DNS:op.example, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, IP Address:FD00:10:0:0:0:0:0:5",
    );
  });

  it("is a server certificate, not a CA, valid from an hour before `now` for the days asked", () => {
    expect(cert.ca).toBe(false);
    expect(cert.keyUsage).toEqual(["1.3.6.1.5.5.7.3.1"]);
    expect(new Date(cert.validFrom).toISOString()).toBe("2026-11-30T19:00:00.000Z");
    expect(new Date(cert.validTo).toISOString()).toBe("2027-11-30T20:00:00.000Z");
  });

  it("has a new key and serial number each time", () => {
    const again = new X509Certificate(
      selfSignedCertificate({ commonName: "x", hosts: ["localhost"], now, validityDays: 1 }).cert,
    );
    expect(again.serialNumber).not.toBe(cert.serialNumber);
    expect(again.publicKey.export({ format: "der", type: "spki" })).not.toEqual(
      cert.publicKey.export({ format: "der", type: "spki" }),
    );
  });
});

describe("DER", () => {
  it("writes long lengths in base 256 and OIDs in base 128", () => {
    expect(tlv(0x04, Buffer.alloc(200)).subarray(0, 3)).toEqual(Buffer.from([0x04, 0x81, 200]));
    expect(tlv(0x04, Buffer.alloc(300)).subarray(0, 4)).toEqual(Buffer.from([0x04, 0x82, 0x01, 0x2c]));
    expect(objectIdentifier("1.2.840.10045.4.3.2")).toEqual(Buffer.from("06082a8648ce3d040302", "hex"));
  });

  it("writes non-negative integers minimally, with a leading 0 before a set top bit", () => {
    expect(unsignedInteger(Buffer.from([0, 0, 5]))).toEqual(Buffer.from([0x02, 0x01, 0x05]));
    expect(unsignedInteger(Buffer.from([0x80]))).toEqual(Buffer.from([0x02, 0x02, 0x00, 0x80]));
  });

  it("writes UTCTime through 2049 and GeneralizedTime from 2050", () => {
    expect(time(new Date("2049-12-31T23:59:59Z")).toString("latin1")).toBe("\x17\x0d491231235959Z");
    expect(time(new Date("2050-01-01T00:00:00Z")).toString("latin1")).toBe("\x18\x0f20500101000000Z");
  });
});
