// A port to listen on, for a process the tests or benchmarks start. The kernel picks one that is free
// now; a random one from a range can be a port another process holds, such as the local end of a
// connection, and then the process under test fails to bind it.
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
