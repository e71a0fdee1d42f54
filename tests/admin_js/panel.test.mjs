// The notes beside the form, the preview page link, the link picker and the
// Markdown buttons: the parts that need no browser.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  describeProblem,
  entryFiles,
  entryRoute,
  previewLinks,
  problemsAfterBuild,
} from "../../plugins/admin/static/panel.js";
import { pageOf } from "../../plugins/admin/static/preview.js";
import { shownValue } from "../../plugins/admin/static/previews.js";
import { itemLink, linkChoices, prefixLines, wrapSelection } from "../../plugins/admin/static/widgets.js";

const NEWS = { folder: "content/news", extension: "md", i18n: true, locales: ["de", "en"] };
const ITEMS = [
  { section: "news", file: "news/2026/fest.de.md", lang: "de", title: "Fest am Wasser", url: "/de/aktuelles/fest/" },
  { section: "news", file: "news/2026/fest.en.md", lang: "en", title: "Party", url: "/en/news/party/" },
  { section: "pages", file: "pages/membership.de.md", lang: "de", title: "Mitgliedschaft", url: "/de/mitgliedschaft/" },
];

test("the entry shown at an address, its files and their pages", () => {
  assert.deepEqual(entryRoute("#/collections/news/entries/2026/fest"), { collection: "news", slug: "2026/fest" });
  assert.deepEqual(entryRoute("#/collections/news/new"), { collection: "news", isNew: true });
  assert.equal(entryRoute("#/collections/news"), null);
  const files = entryFiles(NEWS, "2026/fest");
  assert.deepEqual(files.map((f) => f.path), ["content/news/2026/fest.de.md", "content/news/2026/fest.en.md"]);
  assert.deepEqual(previewLinks(ITEMS, files, "content"), [
    { lang: "de", url: "/de/aktuelles/fest/" },
    { lang: "en", url: "/en/news/party/" },
  ]);
  assert.equal(pageOf(ITEMS, "news", "2026/fest", ["de", "en"]), "/de/aktuelles/fest/");
  assert.equal(pageOf(ITEMS, "pages", "/membership", ["de", "en"]), "/de/mitgliedschaft/");
  assert.equal(pageOf(ITEMS, "news", "2025/fest", ["de", "en"]), null);
});

test("after saving, the notes wait for the build that includes the save", async () => {
  const answers = [
    { build: 4, busy: true, problems: [] },
    { build: 5, busy: true, problems: [] },
    { build: 5, busy: false, problems: [{ path: "content/news/2026/fest.de.md", line: 7, severity: "error", message: "kaputt" }] },
    { build: 5, busy: false, problems: [] },
  ];
  const asked = [];
  const fetchJson = async (url) => {
    asked.push(url);
    return answers.shift();
  };
  const paths = ["content/news/2026/fest.de.md", "content/news/2026/fest.en.md"];
  const problems = await problemsAfterBuild(fetchJson, "/_preview/problems.json", paths, 4, async () => {});
  assert.equal(problems.length, 1);
  assert.equal(asked.length, 4);
  assert.ok(asked[0].endsWith("?path=content%2Fnews%2F2026%2Ffest.de.md"));
  const line = describeProblem(problems[0], entryFiles(NEWS, "2026/fest"), { de: "Deutsch" }, { warning: "Warnung" });
  assert.equal(line, "Deutsch, 7: kaputt");
  assert.equal(await problemsAfterBuild(async () => null, "/x", paths, 0, async () => {}), null);
});

test("Markdown buttons write Markdown around what is selected", () => {
  assert.deepEqual(wrapSelection("ein Wort", 4, 8, "**"), { text: "ein **Wort**", start: 6, end: 10 });
  assert.deepEqual(wrapSelection("", 0, 0, "*", "*", "kursiv"), { text: "*kursiv*", start: 1, end: 7 });
  assert.equal(prefixLines("a\nb\nc", 2, 5, "- ").text, "a\n- b\n- c");
  assert.equal(itemLink("Mitgliedschaft", "pages/membership.de.md"), "[Mitgliedschaft]({filename}/pages/membership.de.md)");
});

test("the link picker offers the language being written first, and finds by words", () => {
  assert.deepEqual(linkChoices(ITEMS, "en").map((i) => i.lang), ["en", "de", "de"]);
  assert.deepEqual(linkChoices(ITEMS, "de", "wasser fest").map((i) => i.file), ["news/2026/fest.de.md"]);
});

test("the preview of a member shows choices by their labels", () => {
  const region = { widget: "select", options: [{ value: "bay-area", label: "San Francisco Bay Area" }] };
  assert.equal(shownValue(region, "bay-area", {}), "San Francisco Bay Area");
  assert.equal(shownValue({ widget: "datetime", mode: "partial" }, "2016-11", {}), "11.2016");
  assert.equal(shownValue({ widget: "object" }, { de: "Hallo", en: "" }, { de: "Deutsch" }), "Deutsch: Hallo");
});
