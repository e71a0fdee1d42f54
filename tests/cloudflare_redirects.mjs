// Ask Cloudflare's own asset server how a built site answers each path given on
// the command line: the asset worker of @cloudflare/workers-shared, which serves
// the static files of Cloudflare Pages and Workers (its redirect rules are applied
// before any file is looked for; its "auto-trailing-slash" handling serves
// /de/ from de/index.html). Prints one JSON object per path: {path, status,
// location}. Usage: node tests/cloudflare_redirects.mjs SITE PATH...
//
// The worker reads the rules in the form Cloudflare's deploy step makes of
// /_redirects. That step is not published on its own, so the lines are read
// here by the rules Cloudflare documents and its parser applies: two or three
// fields, the status a number among 200, 301, 302, 303, 307 and 308 (302 when
// missing), anything else skipped; a rule without * or :placeholder is static.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { register } from "node:module";
import { join, relative } from "node:path";

// The worker imports its base class from the Workers runtime; Node has none.
const runtime =
  "export class WorkerEntrypoint { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }";
register(
  "data:text/javascript," +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === "cloudflare:workers") {
    return { url: "data:text/javascript," + ${JSON.stringify(encodeURIComponent(runtime))}, shortCircuit: true };
  }
  return next(specifier, context);
}`),
);
const { default: AssetWorker } = await import(
  "@cloudflare/workers-shared/dist/asset-worker.mjs"
);

const [site, ...paths] = process.argv.slice(2);
const STATUSES = new Set([200, 301, 302, 303, 307, 308]);

function staticRules(text) {
  const rules = {};
  text.split("\n").forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith("#")) return;
    const [from, to, status = "302", ...rest] = line.split(/\s+/);
    const code = Number(status);
    if (!to || rest.length || !STATUSES.has(code) || /[*]|\/:/.test(from)) return;
    if (!(from in rules)) rules[from] = { status: code, to, lineNumber: index + 1 };
  });
  return rules;
}

function files(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

// The asset manifest as the worker reads it: a 20-byte header, then one
// 40-byte entry per file (SHA-256 of its path, 16 bytes; its ETag, 16 bytes;
// 8 bytes unused), sorted by the path's hash.
const bodies = new Map();
const entries = files(site).map((file) => {
  const path = "/" + relative(site, file).split("\\").join("/");
  const entry = new Uint8Array(40);
  entry.set(createHash("sha256").update(path).digest().subarray(0, 16), 0);
  const etag = createHash("sha256").update(file).digest().subarray(0, 16);
  entry.set(etag, 16);
  bodies.set(Buffer.from(etag).toString("hex"), file);
  return entry;
});
entries.sort((a, b) => Buffer.compare(a.subarray(0, 16), b.subarray(0, 16)));
const manifest = new Uint8Array(20 + 40 * entries.length);
entries.forEach((entry, index) => manifest.set(entry, 20 + 40 * index));

const env = {
  CONFIG: {
    html_handling: "auto-trailing-slash",
    not_found_handling: "404-page",
    redirects: { version: 1, staticRules: staticRules(readFileSync(join(site, "_redirects"), "utf-8")), rules: {} },
  },
  ASSETS_MANIFEST: manifest.buffer,
  ASSETS_KV_NAMESPACE: {
    async getWithMetadata(key) {
      const file = bodies.get(key);
      const value = file ? new Blob([readFileSync(file)]).stream() : null;
      return { value, metadata: { contentType: "text/html" } };
    },
  },
};
const worker = new AssetWorker({ waitUntil() {}, passThroughOnException() {} }, env);
const answers = [];
for (const path of paths) {
  const response = await worker.fetch(new Request(new URL(path, "https://example.org")));
  answers.push({ path, status: response.status, location: response.headers.get("location") });
}
process.stdout.write(JSON.stringify(answers));
