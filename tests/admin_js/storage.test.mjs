// Between the interface and the files: one-language items, only what changed
// is written, pictures of every folder keep their folder.
import assert from "node:assert/strict";
import { test } from "node:test";

import * as YAML from "../../node_modules/yaml/browser/dist/index.js";
import { ELSEWHERE, makeFormat } from "../../plugins/admin/static/format.js";
import {
  changedFiles,
  chosenPicture,
  inLanguage,
  languageOf,
  offeredFolders,
  offeredMedia,
  repositoryPath,
  withStandIns,
  wrapImplementation,
} from "../../plugins/admin/static/storage.js";

const NEWS = {
  name: "news",
  folder: "content/news",
  extension: "md",
  i18n: true,
  locales: ["de", "en"],
  defaultLocale: "de",
  shared: ["date", "members"],
  titleField: "title",
  format: makeFormat(YAML, { frontMatter: true, translatable: ["title", "body"] }),
};
const ENGLISH = "---\ntitle: Only English\ndate: 2019-03-04\nmembers: [diwish]\n---\n\nText.\n";

test("file names say the language", () => {
  assert.equal(languageOf("content/news/2019/x.en.md", "md"), "en");
  assert.equal(inLanguage("content/news/2019/x.en.md", "md", "de"), "content/news/2019/x.de.md");
});

test("an item in one language gets a stand-in with its shared fields only", () => {
  const listed = withStandIns(NEWS, [
    { file: { path: "content/news/2019/x.en.md", id: "1" }, data: ENGLISH },
    { file: { path: "content/news/2018/y.de.md", id: "2" }, data: "---\ntitle: Y\n---\n" },
  ]);
  assert.equal(listed.length, 3);
  const standIn = listed[2];
  assert.equal(standIn.file.path, "content/news/2019/x.de.md");
  const data = NEWS.format.fromFile(standIn.data);
  assert.deepEqual({ ...data }, { date: "2019-03-04", members: ["diwish"], [ELSEWHERE]: "Only English (EN)" });
});

test("only files that changed and have something of their own are written", () => {
  const read = new Map([["a.de.md", "same\n"], ["a.en.md", "old\n"]]);
  const files = [
    { path: "a.de.md", raw: "same\n" },
    { path: "a.en.md", raw: "new\n" },
    { path: "b.en.md", raw: "\n" },
  ];
  assert.deepEqual(changedFiles(files, read).map((f) => f.path), ["a.en.md"]);
});

test("pictures of other folders keep their folder when chosen", () => {
  const file = { path: "content/images/members/logo.png", name: "logo.png" };
  const here = offeredMedia(file, "content/images/members", "content/images");
  assert.deepEqual([here.name, here.path], ["members/logo.png", "content/images/members/logo.png"]);
  const there = offeredMedia(file, "content/images/news/2026", "content/images");
  assert.equal(there.name, "members/logo.png");
  assert.equal(there.path, "content/images/news/2026/members%2Flogo.png");
  assert.equal(repositoryPath(there.path, "content/images"), "content/images/members/logo.png");
  assert.equal(chosenPicture("images/news/2026/members%2Flogo.png", "/images"), "images/members/logo.png");
  assert.equal(chosenPicture("/images/news/members%2Flogo.png", "/images"), "/images/members/logo.png");
  assert.equal(chosenPicture("images/news/2026/hafen.jpg", "/images"), "images/news/2026/hafen.jpg");
  assert.deepEqual(offeredFolders("content/images/news", ["content/images/news"], 2026), [
    "content/images/news",
    "content/images/news/2026",
  ]);
});

function fakeBackend(files) {
  const written = [];
  const deleted = [];
  return {
    written,
    deleted,
    async entriesByFolder() {
      return Object.entries(files).map(([path, data]) => ({ file: { path, id: path }, data }));
    },
    async getEntry(path) {
      return { file: { path, id: files[path] ? path : null }, data: files[path] ?? null };
    },
    async persistEntry(entry) {
      written.push(...entry.dataFiles.map((f) => f.path));
    },
    async deleteFiles(paths) {
      deleted.push(...paths);
    },
    status() {
      return "kept";
    },
  };
}

test("the wrapped backend reads stand-ins, writes only changes, deletes real files", async () => {
  const inner = fakeBackend({ "content/news/2019/x.en.md": ENGLISH });
  const saved = [];
  const site = {
    collectionOf: (path) => (path.startsWith("content/news/") ? NEWS : undefined),
    mediaFolder: "content/images",
    pictureFolders: () => ["content/images"],
    saved: (paths, written) => saved.push([paths, written]),
  };
  const backend = wrapImplementation(inner, site);
  const entry = await backend.getEntry("content/news/2019/x.de.md");
  assert.ok(entry.data.includes("Only English (EN)"));
  await backend.getEntry("content/news/2019/x.en.md");
  await backend.persistEntry({
    dataFiles: [
      { path: "content/news/2019/x.de.md", raw: "\n" },
      { path: "content/news/2019/x.en.md", raw: ENGLISH },
    ],
    assets: [],
  });
  assert.deepEqual(inner.written, []);
  assert.deepEqual(saved.at(-1), [["content/news/2019/x.de.md", "content/news/2019/x.en.md"], false]);
  await backend.persistEntry({
    dataFiles: [{ path: "content/news/2019/x.en.md", raw: ENGLISH.replace("Text.", "More.") }],
    assets: [],
  });
  assert.deepEqual(inner.written, ["content/news/2019/x.en.md"]);
  await backend.deleteFiles(["content/news/2019/x.de.md", "content/news/2019/x.en.md"], "delete");
  assert.deepEqual(inner.deleted, ["content/news/2019/x.en.md"]);
  assert.equal(backend.status(), "kept"); // everything else is the backend's own
});
