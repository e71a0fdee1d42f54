// Ask Netlify's own redirects engine (@netlify/redirects, the one `netlify dev`
// uses) how a built site answers each path given on the command line, the way
// Netlify serves it: a rule decides first, but a file that exists at the path
// wins over a rule that is not forced ("301!"). Prints one JSON object per path:
// {path, status, location}. Usage: node tests/netlify_redirects.mjs SITE PATH...
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { RedirectsHandler } from "@netlify/redirects";

const [site, ...paths] = process.argv.slice(2);

// Netlify's static files: the file itself, or the folder's index.html.
function fileFor(pathname) {
  const decoded = decodeURIComponent(pathname);
  for (const candidate of [decoded, join(decoded, "index.html"), `${decoded}.html`]) {
    const file = join(site, candidate);
    if (existsSync(file) && statSync(file).isFile()) return file;
  }
  return null;
}

async function getStaticFile(request) {
  const file = fileFor(new URL(request.url).pathname);
  return file ? async () => new Response(file, { status: 200 }) : undefined;
}

const handler = new RedirectsHandler({
  configRedirects: [],
  jwtRoleClaim: "",
  jwtSecret: "",
  projectDir: site,
  publicDir: site,
});
const answers = [];
for (const path of paths) {
  const request = new Request(new URL(path, "https://example.org"));
  const match = await handler.match(request);
  let response = match ? await handler.handle(request, match, getStaticFile) : undefined;
  if (!response) {
    const file = await getStaticFile(request);
    response = file ? await file() : new Response("", { status: 404 });
  }
  answers.push({ path, status: response.status, location: response.headers.get("location") });
}
process.stdout.write(JSON.stringify(answers));
