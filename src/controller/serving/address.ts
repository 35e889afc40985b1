// Listen addresses as controller-runtime's flags take them: "[HOST]:PORT", or "0" to serve nothing.
import type { Server } from "node:net";

/** The address that turns a server off (--metrics-bind-address=0, --health-probe-bind-address=0). */
export const DISABLED_ADDRESS = "0";

/** ":8080", "0.0.0.0:8080", "[::1]:8080" or "127.0.0.1:0" into host and port. */
export function splitAddress(address: string): { host: string | undefined; port: number } {
  const i = address.lastIndexOf(":");
  const host = address.slice(0, i).replace(/^\[(.*)\]$/, "$1") || undefined;
  const portText = address.slice(i + 1);
  const port = Number(portText);
  if (i < 0 || !/^\d+$/.test(portText) || port > 65535) {
    throw new Error(`invalid address "${address}": expected [HOST]:PORT, or ${DISABLED_ADDRESS} to turn it off`);
  }
  return { host, port };
}

/** Listens on the address; resolves with the port bound (the one chosen for port 0). */
export function listen(server: Server, address: string): Promise<number> {
  const { host, port } = splitAddress(address);
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const bound = server.address();
      resolve(typeof bound === "object" && bound ? bound.port : port);
    });
  });
}

/** Closes the server; idle keep-alive connections go at once (Node closes them with the server). */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}
