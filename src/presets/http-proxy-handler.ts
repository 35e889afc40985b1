// The per-connection shell handler of the httpProxy preset (POSIX sh as busybox runs it; its
// stdin and stdout are the client's connection, its stderr the container's log).
import { shq } from "./shell.js";

export interface Upstream {
  /** The route's path prefix: `/` or `/a/b`. */
  path: string;
  host: string;
  port: string;
  /** host[:port] as written, for the Host header. */
  authority: string;
  /** The upstream URL's path, when it has one: it replaces the route's path. */
  base: string | undefined;
}

/** `[Hh][Oo][Ss][Tt]:*`: a case pattern matching a header name in any case. */
const header = (name: string): string =>
  [...name].map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : ch)).join("") + ":*";

// Hop-by-hop headers (RFC 9110 7.6.1) are not forwarded; Host is set to the upstream's.
const DROPPED = ["host", "connection", "keep-alive", "proxy-connection", "te", "trailer", "upgrade"].map(header);

/** One `case` arm per route; case takes the first match, so the longest path comes first. */
function routeArms(routes: Upstream[]): string[] {
  return [...routes]
    .sort((a, b) => b.path.length - a.path.length)
    .map((r) => {
      const pattern = r.path === "/" ? "/*" : `${shq(r.path)}|${shq(r.path)}/*`;
      const vars = [
        `host=${shq(r.host)}`,
        `port=${r.port}`,
        `authority=${shq(r.authority)}`,
        `prefix=${shq(r.path)}`,
        r.base === undefined ? "rewrite=" : `rewrite=1 base=${shq(r.base.replace(/\/$/, ""))}`,
      ];
      return `  ${pattern}) ${vars.join(" ")} ;;`;
    });
}

export function httpProxyHandler(routes: Upstream[], readinessPath: string): string {
  return [
    `cr=$(printf '\\r')`,
    `reply() { printf 'HTTP/1.1 %s\\r\\nContent-Type: text/plain\\r\\nContent-Length: %s\\r\\nConnection: close\\r\\n\\r\\n%s\\n' "$1" $((\${#2} + 1)) "$2"; exit 0; }`,
    `IFS=' ' read -r method target version || exit 0`,
    `version=\${version%"$cr"}`,
    `hdrs= len=0`,
    `while IFS= read -r line; do`,
    `  line=\${line%"$cr"}`,
    `  [ -z "$line" ] && break`,
    `  case "$line" in`,
    `    ${DROPPED.join("|")}) ;;`,
    `    ${header("transfer-encoding")}) reply '411 Length Required' 'chunked request bodies are not supported: send Content-Length' ;;`,
    `    ${header("content-length")}) len=\${line#*:}; len=\${len#"\${len%%[! ]*}"}; hdrs="$hdrs$line$cr`,
    `" ;;`,
    `    *) hdrs="$hdrs$line$cr`,
    `" ;;`,
    `  esac`,
    `done`,
    `case "$len" in '' | *[!0-9]*) reply '400 Bad Request' 'invalid Content-Length' ;; esac`,
    `path=\${target%%\\?*}`,
    `case "$path" in`,
    `  ${shq(readinessPath)}) reply '200 OK' ok ;;`,
    ...routeArms(routes),
    `  *) reply '404 Not Found' "no route for $path" ;;`,
    `esac`,
    `if [ -n "$rewrite" ]; then`,
    `  if [ "$prefix" = / ]; then rest=$target; else rest=\${target#"$prefix"}; fi`,
    `  target=$base$rest`,
    `  case "$target" in /*) ;; *) target=/$target ;; esac`,
    `fi`,
    `echo "$method $path -> http://$authority$target" >&2`,
    `{`,
    `  printf '%s %s %s\\r\\nHost: %s\\r\\n%sConnection: close\\r\\n\\r\\n' "$method" "$target" "$version" "$authority" "$hdrs"`,
    `  [ "$len" -gt 0 ] && head -c "$len"`,
    `} | nc -w 5 "$host" "$port" || reply '502 Bad Gateway' "upstream $authority did not answer"`,
  ].join("\n");
}
