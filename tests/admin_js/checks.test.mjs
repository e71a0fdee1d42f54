// The form's checks before saving: dates as German editors type them, the
// site's patterns, pictures and consent, languages being written, free keys.
import assert from "node:assert/strict";
import { test } from "node:test";

import { dateProblem, shown, stored } from "../../plugins/admin/static/dates.js";
import {
  entryProblems,
  keyFromTitle,
  valueProblem,
  writtenLanguages,
} from "../../plugins/admin/static/checks.js";

const DATE = {
  kind: "date",
  mode: "when",
  first: 1900,
  last: 2199,
  messages: { format: "F {text}", day: "D {text}", year: "Y {text}", time: "T {text}" },
};
const MESSAGES = { required: "{field} fehlt", keyTaken: "{key} in {file}" };

test("dates are shown and typed the German way, and stored as the contract says", () => {
  assert.equal(shown("2026-05-20 18:00", "when"), "20.05.2026 18:00");
  assert.equal(shown("2018-05-14", "when"), "14.05.2018");
  assert.equal(shown("2016-11", "partial"), "11.2016");
  assert.equal(shown("2016", "partial"), "2016");
  assert.equal(stored("20.05.2026 18:00", "when"), "2026-05-20 18:00");
  assert.equal(stored("1.3.2027 9:30", "when"), "2027-03-01 09:30");
  assert.equal(stored("14.05.2018", "when"), "2018-05-14");
  assert.equal(stored("11.2016", "partial"), "2016-11");
  assert.equal(stored("2026-05-20 18:00", "when"), "2026-05-20 18:00");
  assert.equal(stored("20.05.2026 18:00", "day"), "20.05.2026 18:00"); // no time here: as typed
  assert.equal(stored("morgen", "when"), "morgen");
});

test("a day that is not in the calendar, a year far off, a wrong time are named", () => {
  assert.equal(dateProblem("2026-02-31", "day"), "day");
  assert.equal(dateProblem("2024-02-29", "day"), null);
  assert.equal(dateProblem("2023-02-29", "when"), "day");
  assert.equal(dateProblem("2026-13-01", "when"), "day");
  assert.equal(dateProblem("1026-01-01", "when"), "year");
  assert.equal(dateProblem("2026-01-01 24:00", "when"), "time");
  assert.equal(dateProblem("2026-01-01 18:00", "day"), "format");
  assert.equal(dateProblem("morgen", "when"), "format");
  assert.equal(dateProblem("2016-11", "partial"), null);
  assert.equal(valueProblem(DATE, "2026-02-31"), "D 31.02.2026");
  assert.equal(valueProblem(DATE, "31.02"), "F 31.02");
});

test("patterns, a picture's description and consent", () => {
  const url = { kind: "pattern", pattern: "^https?://\\S+$", message: "URL {text}" };
  assert.equal(valueProblem(url, "www.example.org"), "URL www.example.org");
  assert.equal(valueProblem(url, ["https://a.example", "b"]), "URL b");
  assert.equal(valueProblem(url, ""), null);
  const alt = { kind: "with", field: "image", message: "describe it" };
  assert.equal(valueProblem(alt, "", { image: "images/a.jpg" }), "describe it");
  assert.equal(valueProblem(alt, "", { image: "" }), null);
  const consent = { kind: "needs", field: "consent", message: "consent first" };
  assert.equal(valueProblem(consent, "a@b.example", { consent: "" }), "consent first");
  assert.equal(valueProblem(consent, "a@b.example", { consent: "2026-01-01" }), null);
});

const NEWS = {
  i18n: true,
  locales: ["de", "en"],
  defaultLocale: "de",
  translatable: ["title", "image_alt", "status", "body"],
  defaults: { status: "published" },
  titleField: "title",
  nameField: "key",
  keys: { sommerfest: "news/2025/sommerfest.de.md" },
  fields: [
    { name: "key", i18n: "none", required: false },
    { name: "title", label: "Titel", i18n: true },
    { name: "date", label: "Datum", i18n: "duplicate", checks: [DATE] },
    { name: "image", label: "Bild", i18n: "duplicate", required: false },
    {
      name: "image_alt",
      label: "Bildbeschreibung",
      i18n: true,
      required: false,
      checks: [{ kind: "with", field: "image", message: "beschreiben" }],
    },
    { name: "status", label: "Status", i18n: true, required: false },
    { name: "body", label: "Text", i18n: true, required: false },
  ],
};

test("only the languages being written need their required fields", () => {
  const german = { title: "Hallo", date: "2026-05-20 10:00", status: "published" };
  const english = { date: "2026-05-20 10:00", status: "published" };
  assert.deepEqual(writtenLanguages(NEWS, { de: german, en: english }), ["de"]);
  assert.deepEqual(entryProblems(NEWS, { de: german, en: english }, MESSAGES), []);
  const englishOnly = { de: { date: "2026-05-20 10:00" }, en: { title: "Hi", date: "2026-05-20 10:00" } };
  assert.deepEqual(writtenLanguages(NEWS, englishOnly), ["en"]);
  assert.deepEqual(entryProblems(NEWS, englishOnly, MESSAGES), []);
  const nothing = entryProblems(NEWS, { de: {}, en: {} }, MESSAGES).map((p) => p.message);
  assert.deepEqual(nothing, ["Datum fehlt", "Titel fehlt"]);
});

test("a picture without a description is named in the language it is missing in", () => {
  const de = { title: "Hallo", date: "2026-05-20", image: "images/a.jpg", image_alt: "Ein Hafen" };
  const en = { title: "Hello", date: "2026-05-20", image: "images/a.jpg" };
  const problems = entryProblems(NEWS, { de, en }, MESSAGES);
  assert.deepEqual(problems.map((p) => [p.lang, p.field, p.message]), [["en", "image_alt", "beschreiben"]]);
});

test("a new item's key must not be taken in any year folder", () => {
  const de = { title: "Sommerfest", date: "2026-06-01" };
  const problems = entryProblems(NEWS, { de, en: {} }, MESSAGES, true);
  assert.deepEqual(problems.map((p) => p.message), ["sommerfest in news/2025/sommerfest.de.md"]);
  assert.deepEqual(entryProblems(NEWS, { de, en: {} }, MESSAGES, false), []);
  assert.equal(keyFromTitle("Größe & Übermut à la carte"), "groesse-uebermut-a-la-carte");
});
