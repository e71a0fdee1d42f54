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
import { keyFromTitle } from "./checks.js";
import { BROKEN } from "./format.js";
import { datedFolders, siteModel } from "./model.js";
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

// Decap refuses to save a form with mistakes by rejecting with nothing, and a
// save stopped by the checks with its failure action; the form, the toast and
// the notes say what is wrong, so neither is an error of the page.
window.addEventListener("unhandledrejection", (event) => {
  const reason = event.reason;
  if (reason === undefined || reason?.type === "ENTRY_PERSIST_FAILURE") event.preventDefault();
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
  const model = siteModel(YAML, config, site, fetchJson);
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
