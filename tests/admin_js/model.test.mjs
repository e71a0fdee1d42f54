// What the interface's parts know of a collection, read from the generated
// configuration: which fields are written per language, which once.
import assert from "node:assert/strict";
import { test } from "node:test";

import * as YAML from "../../node_modules/yaml/browser/dist/index.js";
import { datedFolders, siteModel } from "../../plugins/admin/static/model.js";

const CONFIG = {
  public_folder: "/images",
  i18n: { structure: "multiple_files", locales: ["de", "en"], default_locale: "de" },
  collections: [
    {
      name: "events",
      label: "Termine",
      folder: "content/events",
      extension: "md",
      format: "frontmatter-events",
      i18n: true,
      identifier_field: "key",
      fields: [
        { name: "key", widget: "string", i18n: "none", required: false },
        { name: "title", widget: "string", i18n: true },
        { name: "start", widget: "datetime", i18n: "duplicate" },
        {
          name: "location",
          widget: "object",
          i18n: true,
          fields: [{ name: "city", widget: "string", i18n: "duplicate" }],
        },
        { name: "status", widget: "select", i18n: true, default: "published" },
        {
          name: "body",
          widget: "site-markdown",
          i18n: true,
          media_folder: "/content/images/events/{{year}}",
        },
      ],
    },
    {
      name: "members",
      label: "Mitglieder",
      folder: "content/members",
      extension: "yml",
      format: "yaml-members",
      identifier_field: "name",
      fields: [
        { name: "key", widget: "string", required: false },
        { name: "name", widget: "string" },
      ],
    },
  ],
};
const SITE = { keys: { events: { stammtisch: "events/stammtisch.de.md" } }, texts: {}, items: [] };

test("a collection's fields are split into those per language and those entered once", () => {
  const model = siteModel(YAML, CONFIG, SITE, async () => null);
  const events = model.collection("events");
  assert.deepEqual(events.translatable, ["title", "status", "body"]);
  assert.deepEqual(events.shared, ["start", "location"]);
  assert.deepEqual(events.defaults, { status: "published" });
  assert.equal(events.nameField, "key");
  assert.equal(events.titleField, "title");
  assert.deepEqual(events.keys, { stammtisch: "events/stammtisch.de.md" });
  assert.equal(events.format.toFile({ start: "2026-07-10 18:00", status: "published" }, []), "");
  const members = model.collection("members");
  assert.equal(members.i18n, false);
  assert.equal(members.titleField, "name");
  assert.equal(model.collectionOf("content/events/stammtisch.de.md"), events);
  assert.equal(model.collectionOf("content/eventsx/a.md"), undefined);
  assert.deepEqual(datedFolders(CONFIG), ["content/images/events"]);
});
