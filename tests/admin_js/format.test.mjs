// The interface's file formats: what the editor wrote stays as written.
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import * as YAML from "../../node_modules/yaml/browser/dist/index.js";
import { SOURCE, makeFormat, same } from "../../plugins/admin/static/format.js";

const CONTENT = new URL("../../content/", import.meta.url).pathname;
const markdown = makeFormat(YAML, {
  frontMatter: true,
  translatable: ["title", "summary", "body", "tags", "status"],
  defaults: { status: "published" },
  skip: ["key"],
});
const yamlFile = makeFormat(YAML, {});

function files(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function saved(format, text, change = (data) => data) {
  const data = format.fromFile(text);
  return format.toFile(change(structuredClone(data)), Object.keys(data));
}

test("every sample file is written back byte for byte", () => {
  const samples = files(CONTENT).filter((p) => p.endsWith(".md") || p.endsWith(".yml"));
  assert.ok(samples.length > 30);
  for (const path of samples) {
    const text = readFileSync(path, "utf-8");
    const format = path.endsWith(".md") ? markdown : yamlFile;
    assert.equal(saved(format, text), text, path);
  }
});

test("a changed field keeps its place and style; the rest keeps its bytes", () => {
  const text = readFileSync(join(CONTENT, "members/diwish.yml"), "utf-8");
  const out = saved(yamlFile, text, (data) => ({
    ...data,
    city: "Kiel an der Förde",
    description: { ...data.description, de: "Neu.\n\nZweiter Absatz.\n" },
  }));
  const before = text.split("\n");
  const after = out.split("\n");
  assert.equal(after[3], "city: Kiel an der Förde");
  assert.ok(out.includes("  de: |\n    Neu.\n\n    Zweiter Absatz.\n  en: |\n"), out);
  assert.equal(after.slice(0, 3).join("\n"), before.slice(0, 3).join("\n"));
  assert.ok(out.endsWith(text.slice(text.indexOf("  en: |"))));
});

test("comments, quotes and flow lists stay; an emptied field leaves the file", () => {
  const text = [
    "# Mitglied seit der Gründung",
    "name: \"A: B\"   # mit Doppelpunkt",
    "topics: [business, education]",
    "website: https://a.example",
    "phone: \"+49 431 000000\"",
    "",
  ].join("\n");
  const out = saved(yamlFile, text, (data) => ({ ...data, website: "", topics: ["business", "sport"] }));
  assert.equal(
    out,
    "# Mitglied seit der Gründung\nname: \"A: B\"   # mit Doppelpunkt\ntopics: [business, sport]\n"
      + "phone: \"+49 431 000000\"\n",
  );
});

test("empty fields never enter a file, and new ones come in the form's order", () => {
  const text = "---\ntitle: Alt\ndate: 2018-05-14\n---\n\nText.\n";
  const data = markdown.fromFile(text);
  const out = markdown.toFile(
    { ...data, slug: "neu", members: [], image: null, timezone: "", status: "published", tags: ["a", "b"] },
    ["key", "title", "date", "slug", "summary", "tags", "members", "image", "status", "body"],
  );
  assert.equal(out, "---\ntitle: Alt\ndate: 2018-05-14\nslug: neu\ntags: [a, b]\n---\n\nText.\n");
});

test("Markdown is written as typed, with the contract's link syntax", () => {
  const text = "---\ntitle: T\n---\n\nAlt.\n";
  const body = "**fett** und [Mitgliedschaft]({filename}/pages/membership.de.md)\n";
  const out = saved(markdown, text, (data) => ({ ...data, body }));
  assert.equal(out, `---\ntitle: T\n---\n\n${body}`);
});

test("a new file has front matter, a blank line and the text; the key stays out", () => {
  const out = markdown.toFile(
    { key: "sommerfest", title: "Sommerfest: am Wasser", date: "2026-05-20 10:00", body: "Text.\n" },
    ["key", "title", "date", "body"],
  );
  assert.equal(out, "---\ntitle: \"Sommerfest: am Wasser\"\ndate: 2026-05-20 10:00\n---\n\nText.\n");
});

test("a language with nothing of its own is not written", () => {
  const shared = { date: "2026-05-20 10:00", members: [], status: "published", image: null };
  assert.equal(markdown.toFile(shared, ["title", "date"]), "");
  assert.notEqual(markdown.toFile({ ...shared, title: "Only English" }, ["title", "date"]), "");
});

test("a file whose front matter cannot be read is refused, never overwritten", () => {
  const text = "---\ntitle: [unclosed\n---\n\nText.\n";
  const data = markdown.fromFile(text);
  assert.equal(data[SOURCE], text);
  assert.throws(() => markdown.toFile({ ...data, title: "x" }, []));
});

test("values compare as the form and the file hold them", () => {
  assert.ok(same(1, "1"));
  assert.ok(same(null, ""));
  assert.ok(same([], undefined));
  assert.ok(same({ a: "" }, null));
  assert.ok(!same(["a"], ["a", "b"]));
});
