// The editing interface's local backend (`invoke edit`): decap-server's
// file-system API, reaching content/ and nothing else.
//
// decap-server serves whatever folder it is given, to any page on localhost
// and under any Host name. Here it gets the repository (the generated
// /admin/ configuration names repository paths: content/news, content/images)
// behind two checks that run before its own code sees a request:
//
// - the request is for this backend (Host is 127.0.0.1:PORT or
//   localhost:PORT: no DNS rebinding) and comes from the preview's pages
//   (Origin, when a browser sends one, is one of ALLOWED_ORIGINS);
// - every path the API call names (path, newPath, folder, mediaFolder,
//   paths[], files[].path, entry, dataFiles, assets) is a plain relative path
//   inside CONTENT_FOLDER: no '..', '.', empty or hidden segments, no
//   backslash or control character, and no symbolic link on the way that
//   leads out of it. Only the actions the interface needs are passed on.
//
// Environment: PORT (and LISTEN_FD, a socket listening on it), GIT_REPO_DIRECTORY,
// CONTENT_FOLDER (default "content"), ALLOWED_ORIGINS (comma-separated),
// BACKEND_MESSAGES (JSON: the refusals in the editor's language, made by
// plugins/admin/backend.py).
"use strict";

const fs = require("fs");
const path = require("path");

const decapDir = path.dirname(require.resolve("decap-server/package.json"));
const fromDecap = (name) => require(require.resolve(name, { paths: [decapDir] }));
const express = fromDecap("express");
const { registerLocalFs } = require("decap-server/dist/middlewares");

const port = Number.parseInt(process.env.PORT || "8081", 10);
const repo = path.resolve(process.env.GIT_REPO_DIRECTORY || process.cwd());
const folder = (process.env.CONTENT_FOLDER || "content").replace(/\/+$/, "");
const origins = new Set(
  (process.env.ALLOWED_ORIGINS || "").split(",").filter(Boolean).map((o) => o.toLowerCase()),
);
const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
const messages = {
  host: "This backend answers only at its own address.",
  origin: "Only the preview's editing interface may use this backend.",
  path: "Only files in content/ can be read or saved here.",
  action: "The editing interface does not need this action.",
  ...JSON.parse(process.env.BACKEND_MESSAGES || "{}"),
};
const ACTIONS = new Set([
  "info",
  "entriesByFolder",
  "entriesByFiles",
  "getEntry",
  "persistEntry",
  "getMedia",
  "getMediaFile",
  "persistMedia",
  "deleteFile",
  "deleteFiles",
]);
const PATH_KEYS = new Set(["path", "newPath", "folder", "mediaFolder"]);

const realContent = () => fs.realpathSync(path.join(repo, folder));

/** True if `value` names a file or folder inside the content folder. */
function inside(value) {
  if (typeof value !== "string" || value.length === 0 || value.length > 1000) return false;
  // Control characters (C0, DEL, C1) and format characters such as U+202E.
  if (/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\\]/.test(value)) {
    return false;
  }
  const segments = value.replace(/\/+$/, "").split("/");
  if (segments[0] !== folder.split("/")[0]) return false;
  if (!(value === folder || value.replace(/\/+$/, "") === folder || value.startsWith(folder + "/"))) {
    return false;
  }
  for (const segment of segments) {
    if (segment === "" || segment === "." || segment === ".." || segment.startsWith(".")) {
      return false;
    }
  }
  // No symbolic link on the way may lead out: resolve what exists.
  let existing = path.join(repo, ...segments);
  while (!fs.existsSync(existing)) existing = path.dirname(existing);
  let real;
  try {
    real = fs.realpathSync(existing);
  } catch {
    return false;
  }
  const root = realContent();
  return real === root || real.startsWith(root + path.sep);
}

/** Every path value in the API call's parameters (any depth). */
function* pathsOf(value, key = "") {
  if (Array.isArray(value)) {
    for (const item of value) yield* pathsOf(item, key === "paths" ? "path" : key);
  } else if (value && typeof value === "object") {
    for (const [name, item] of Object.entries(value)) yield* pathsOf(item, name);
  } else if (PATH_KEYS.has(key)) {
    yield value;
  }
}

function refuse(response, status, message) {
  response.status(status).json({ error: message });
}

const app = express();
app.use((request, response, next) => {
  if (!hosts.has(String(request.headers.host || "").toLowerCase())) {
    return refuse(response, 403, messages.host);
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !origins.has(String(origin).toLowerCase())) {
    return refuse(response, 403, messages.origin);
  }
  return next();
});
app.use(express.json({ limit: "50mb" }));
app.post("/api/v1", (request, response, next) => {
  const body = request.body || {};
  if (!ACTIONS.has(body.action)) return refuse(response, 403, messages.action);
  for (const value of pathsOf(body.params || {})) {
    if (!inside(value)) return refuse(response, 403, messages.path);
  }
  return next();
});

process.env.GIT_REPO_DIRECTORY = repo;
registerLocalFs(app, { logLevel: process.env.LOG_LEVEL || "warn" }).then(() => {
  // invoke edit hands over a socket it has bound already (LISTEN_FD): the port
  // is ours, so "address in use" cannot happen here; it says where to edit.
  const fd = process.env.LISTEN_FD;
  const server = fd ? app.listen({ fd: Number.parseInt(fd, 10) }) : app.listen(port, "127.0.0.1");
  server.on("error", (error) => {
    console.error(`${error.code || "error"}: ${error.message}`);
    process.exit(1);
  });
});

for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
