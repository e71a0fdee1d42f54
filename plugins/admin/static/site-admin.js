// The editing interface at /admin/: Decap CMS with the site's own parts.
//
// This module runs first. In a preview (`invoke edit`) it checks that the
// local backend answers, and otherwise shows a page that says how to start
// editing (no sign-in offered that cannot work). Then it loads Decap's bundle,
// registers the site's formats (format.js), backends (storage.js), inputs
// (widgets.js), previews (previews.js), German corrections and the checks
// before saving, and starts the interface with the generated configuration.
//
// Settings come from data attributes of <body> and from the generated
// config.yml and site.json (see plugins/admin/sitedata.py): no inline script.

import * as YAML from "./vendor/yaml/index.js";
import { entryProblems, isShared, keyFromTitle } from "./checks.js";
import { BROKEN, makeFormat } from "./format.js";
import { Panel } from "./panel.js";
import { registerPreviews } from "./previews.js";
import { languageOf, wrapImplementation } from "./storage.js";
import { registerWidgets } from "./widgets.js";

const body = document.body;
const settings = {
  bundle: body.dataset.bundle || "decap-cms.js",
  localBackend: body.dataset.localBackend || "",
  stylesheet: body.dataset.previewStyle || "",
};

async function fetchText(url) {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.text();
}

/** The parsed JSON answer of `url`, or null when there is none. */
async function fetchJson(url) {
  try {
    const response = await fetch(url, { cache: "no-store" });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/** Whether the local backend of `invoke edit` answers. */
async function backendAnswers(url) {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ action: "info" }),
    });
    const info = await response.json();
    return response.ok && typeof info.repo === "string";
  } catch {
    return false;
  }
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.body.append(script);
  });
}

/** The page shown when /admin/ is opened without the local backend. */
function showNoBackend(texts) {
  const main = document.createElement("main");
  main.className = "site-nobackend";
  const heading = document.createElement("h1");
  heading.textContent = texts.noBackendTitle;
  const text = document.createElement("p");
  text.textContent = texts.noBackendText;
  const command = document.createElement("pre");
  command.textContent = "invoke edit";
  const after = document.createElement("p");
  after.textContent = texts.noBackendAfter;
  main.append(heading, text, command, after);
  document.body.append(main);
  document.title = texts.noBackendTitle;
}

function merged(base, extra) {
  const result = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    result[key] =
      value && typeof value === "object" && !Array.isArray(value) ? merged(base[key] || {}, value) : value;
  }
  return result;
}

/** The site's knowledge of one collection, for formats, checks and storage. */
function describeCollection(config, site, collection) {
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
function siteModel(config, site) {
  const model = {
    site,
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

/** The editor signs in to the local backend at once: there is no one to ask. */
function signInAtOnce(texts) {
  return window.createClass({
    componentDidMount() {
      this.props.onLogin({});
    },
    render() {
      return window.h("p", { className: "site-signing-in", role: "status" }, texts.signingIn);
    },
  });
}

/** The picture folders that get a year folder per item ("…/news" of "…/news/{{year}}"). */
function datedFolders(config) {
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

function registerBackends(CMS, model) {
  const storage = (signIn) => ({
    collectionOf: model.collectionOf,
    mediaFolder: model.config.media_folder,
    datedFolders: datedFolders(model.config),
    pictureFolders: () => model.site.pictures,
    signIn,
    saved: (paths, written) => {
      const collection = model.collectionOf(paths[0] || "");
      const files = paths.map((path) => ({
        path,
        lang: collection && collection.i18n ? languageOf(path, collection.extension) : "",
      }));
      model.panel.saved(written ? files : []);
    },
  });
  const wrap = (name, signIn) => {
    const original = CMS.getBackend(name);
    return function SiteBackend(config, options) {
      return wrapImplementation(original.init(config, options), storage(signIn));
    };
  };
  CMS.registerBackend("site-local", wrap("proxy", signInAtOnce(model.texts)));
  CMS.registerBackend("site-github", wrap("github", null));
}

function registerFormats(CMS, model) {
  for (const collection of model.collections) {
    CMS.registerCustomFormat(collection.formatName, collection.extension, collection.format);
  }
}

function registerChecks(CMS, model) {
  CMS.registerEventListener({
    name: "preSave",
    handler: async ({ entry }) => {
      const broken = [entry.getIn(["data", BROKEN])]
        .concat(entry.get("i18n") ? [...entry.get("i18n").values()].map((v) => v.getIn(["data", BROKEN])) : [])
        .find(Boolean);
      if (broken) {
        const message = model.texts.broken.replace("{error}", broken);
        model.panel.refuse([{ lang: "", where: [], message }]);
        throw Object.assign(new Error(message), { toString: () => message });
      }
      const problems = model.problemsOf(entry);
      model.panel.refuse(problems);
      if (problems.length) {
        const message = model.texts.refusedToast;
        throw Object.assign(new Error(message), { toString: () => message });
      }
      await model.panel.beforeSave();
      const data = entry.get("data");
      const collection = model.collection(entry.get("collection"));
      if (!entry.get("newRecord") || !collection || data.get(collection.nameField)) return data;
      const titles = Object.values(model.byLanguage(collection, entry)).map((v) => v[collection.titleField]);
      return data.set(collection.nameField, keyFromTitle(titles.find(Boolean)));
    },
  });
}

// Decap refuses to save a form with mistakes by rejecting with nothing; the
// form and the notes say what is wrong, so that is not an error of the page.
window.addEventListener("unhandledrejection", (event) => {
  if (event.reason === undefined) event.preventDefault();
});

async function main() {
  const [configText, site] = await Promise.all([fetchText("config.yml"), fetchJson("site.json")]);
  if (settings.localBackend && !(await backendAnswers(settings.localBackend))) {
    showNoBackend(site.texts);
    return;
  }
  const config = YAML.parse(configText);
  if (config.site_url === "/") {
    // A preview is this server: its address is where the site is shown.
    config.site_url = config.display_url = `${window.location.origin}/`;
  }
  window.CMS_MANUAL_INIT = true;
  await loadScript(settings.bundle);
  const CMS = window.CMS;
  const model = siteModel(config, site);
  model.config = config;
  model.publicRoot = config.public_folder; // "/images": pictures on the site
  const locale = CMS.getLocale(config.locale);
  if (locale) CMS.registerLocale(config.locale, merged(locale, site.phrases));
  registerFormats(CMS, model);
  registerBackends(CMS, model);
  registerWidgets(CMS, model);
  registerPreviews(CMS, model, settings.stylesheet);
  registerChecks(CMS, model);
  model.panel = new Panel(document, model);
  CMS.init({ config: { ...config, load_config_file: false } });
  model.panel.route();
}

main();
