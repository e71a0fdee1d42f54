// What the site's parts of the interface share: the collections as the
// generated configuration describes them (fields, languages, what is written
// per language, the format of their files), the words and items of site.json,
// and the checks of a whole entry.

import { entryProblems, isShared } from "./checks.js";
import { makeFormat } from "./format.js";

/** The site's knowledge of one collection, for formats, checks and storage. */
export function describeCollection(config, site, collection) {
  const i18n = Boolean(collection.i18n);
  const fields = collection.fields || [];
  const nameField = fields.find((field) => field.i18n === "none" || field.name === "key")?.name || "key";
  const defaults = {};
  for (const field of fields) if (field.default !== undefined) defaults[field.name] = field.default;
  const top = fields.filter((field) => field.name !== nameField);
  return {
    name: collection.name,
    label: collection.label,
    folder: collection.folder,
    extension: collection.extension,
    formatName: collection.format,
    i18n,
    locales: i18n ? config.i18n.locales : [],
    defaultLocale: i18n ? config.i18n.default_locale : "",
    fields,
    translatable: i18n ? top.filter((field) => !isShared(field)).map((f) => f.name) : [],
    shared: i18n ? top.filter((field) => isShared(field)).map((f) => f.name) : [],
    defaults,
    titleField: fields.some((field) => field.name === "title")
      ? "title"
      : collection.identifier_field || "name",
    nameField,
    nameLabel: fields.find((field) => field.name === nameField)?.label,
    keys: site.keys[collection.name] || {},
  };
}

/** Everything the site's parts share: collections, texts, items, the panel. */
export function siteModel(YAML, config, site, fetchJson) {
  const model = {
    config,
    site,
    publicRoot: config.public_folder, // "/images": pictures on the site
    collections: [],
    content: site.content,
    texts: site.texts,
    languages: site.languages,
    problemsUrl: site.problems,
    fetchJson,
    freshPictures: new Set(), // uploaded in this session, not yet on the site
    items: () => model.site.items,
    collection: (name) => model.collections.find((c) => c.name === name),
    collectionOf: (path) =>
      model.collections
        .filter((c) => path.startsWith(`${c.folder}/`))
        .sort((a, b) => b.folder.length - a.folder.length)[0],
    sectionLabel: (name) => model.collection(name)?.label || name,
    async refresh() {
      const fresh = await fetchJson("site.json");
      if (!fresh) return;
      model.site = fresh;
      for (const collection of model.collections) collection.keys = fresh.keys[collection.name] || {};
    },
    /** The values of an entry (Immutable) by language ("" for one file). */
    byLanguage(collection, entry) {
      const values = (path) => {
        const value = entry.getIn(path);
        return value && value.toJS ? value.toJS() : {};
      };
      if (!collection.i18n) return { "": values(["data"]) };
      const result = {};
      for (const lang of collection.locales) {
        result[lang] = values(lang === collection.defaultLocale ? ["data"] : ["i18n", lang, "data"]);
      }
      return result;
    },
    problemsOf(entry) {
      const collection = model.collection(entry.get("collection"));
      if (!collection) return [];
      const isNew = Boolean(entry.get("newRecord"));
      return entryProblems(collection, model.byLanguage(collection, entry), model.texts, isNew);
    },
  };
  model.collections = config.collections.map((c) => describeCollection(config, site, c));
  for (const collection of model.collections) {
    collection.format = makeFormat(YAML, {
      frontMatter: collection.extension === "md",
      translatable: collection.translatable,
      defaults: collection.defaults,
      skip: [collection.nameField],
    });
  }
  return model;
}

/** The picture folders that get a year folder per item ("…/news" of "…/news/{{year}}"). */
export function datedFolders(config) {
  const found = new Set();
  const visit = (fields) => {
    for (const field of fields || []) {
      const folder = field.media_folder || "";
      if (folder.endsWith("/{{year}}")) found.add(folder.slice(1, -"/{{year}}".length));
      visit(field.fields);
    }
  };
  for (const collection of config.collections) visit(collection.fields);
  return [...found];
}

