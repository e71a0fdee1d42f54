// The notes beside the form: the entry's preview pages, what keeps it from
// being saved, and what the preview's build says about it after saving.
//
// The panel sits in a corner of the editing view, over nothing the editor
// needs (it can be hidden), and speaks the editor's language. After a save it
// asks the preview server for the problems of the entry's files
// (`/_preview/problems.json?path=…`: {build, busy, problems}) until the build
// that includes the save is done; where there is no preview server (online),
// it says nothing about builds.

/** The entry a route of the interface shows: {collection, slug} or {collection, isNew}. */
export function entryRoute(hash) {
  const match = /^#\/collections\/([^/]+)\/(?:entries\/(.+?)|(new))\/?(?:\?.*)?$/.exec(hash || "");
  if (!match) return null;
  const [, collection, slug, isNew] = match;
  return isNew ? { collection, isNew: true } : { collection, slug: decodeURIComponent(slug) };
}

/** The repository paths of an entry's files, one per language ({lang, path}). */
export function entryFiles(collection, slug) {
  if (!collection || !slug) return [];
  const base = `${collection.folder}/${slug}`;
  if (!collection.i18n) return [{ lang: "", path: `${base}.${collection.extension}` }];
  return collection.locales.map((lang) => ({ lang, path: `${base}.${lang}.${collection.extension}` }));
}

/** The preview pages of an entry's files: [{lang, url}] in the site's order. */
export function previewLinks(items, files, content) {
  const prefix = `${content}/`;
  const wanted = new Set(files.map((file) => file.path.slice(prefix.length)));
  return items.filter((item) => wanted.has(item.file)).map((item) => ({ lang: item.lang, url: item.url }));
}

/**
 * Ask `url` (the problems endpoint) about `paths` until the build numbered
 * above `since` is done; the problems of those files, or null when there is
 * no preview server to ask. `fetchJson(url)` returns the parsed answer or
 * null; `pause()` waits between questions.
 */
export async function problemsAfterBuild(fetchJson, url, paths, since, pause, tries = 600) {
  for (let attempt = 0; attempt < tries; attempt += 1) {
    const first = await fetchJson(`${url}?path=${encodeURIComponent(paths[0])}`);
    if (first === null) return null;
    if (first.build > since && !first.busy) {
      const answers = [first];
      for (const path of paths.slice(1)) {
        answers.push(await fetchJson(`${url}?path=${encodeURIComponent(path)}`));
      }
      const problems = answers.flatMap((answer) => (answer ? answer.problems : []));
      const seen = new Set();
      return problems.filter((p) => {
        const key = `${p.path}:${p.line}:${p.message}`;
        return !seen.has(key) && seen.add(key);
      });
    }
    await pause();
  }
  return null;
}

/** One problem of the build as the panel lists it: file language, line, text. */
export function describeProblem(problem, files, languages, texts) {
  const file = files.find((f) => f.path === problem.path);
  const where = [file && file.lang ? languages[file.lang] || file.lang : problem.path];
  if (problem.line) where.push(String(problem.line));
  const kind = problem.severity === "warning" ? `${texts.warning}: ` : "";
  return `${where.join(", ")}: ${kind}${problem.message}`;
}

function element(document, tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

/** The panel itself (see the top of this file); `model` is the site's knowledge. */
export class Panel {
  constructor(document, model) {
    this.document = document;
    this.model = model;
    const texts = model.texts;
    this.links = element(document, "p", { class: "site-panel__links" });
    this.status = element(document, "div", { class: "site-panel__status", role: "status", "aria-live": "polite" });
    this.refusal = element(document, "div", { class: "site-panel__refused", role: "alert" });
    const close = element(document, "button", { type: "button", class: "site-panel__close", text: texts.close });
    close.addEventListener("click", () => this.hide());
    this.root = element(
      document,
      "aside",
      { class: "site-panel", "aria-label": texts.panel, hidden: "" },
      close,
      this.links,
      this.refusal,
      this.status,
    );
    document.body.append(this.root);
    this.pending = null;
    this.since = -1;
    window.addEventListener("hashchange", () => this.route());
  }

  /** The entry shown now ({collection, files}), from the address. */
  current() {
    const route = entryRoute(window.location.hash);
    if (!route) return null;
    const collection = this.model.collection(route.collection);
    return { route, collection, files: entryFiles(collection, route.slug) };
  }

  hide() {
    this.root.hidden = true;
  }

  show() {
    this.root.hidden = false;
  }

  /** Follow the interface to another entry (or away from entries). */
  route() {
    const shown = this.current();
    const key = shown ? shown.files.map((file) => file.path).join(" ") || window.location.hash : "";
    if (key !== this.key) {
      // A new entry, once saved, is shown at its own address: same notes.
      if (key !== this.saving) {
        this.refusal.replaceChildren();
        this.status.replaceChildren();
      }
      this.key = key;
    }
    if (!shown || !shown.collection) {
      this.hide();
      return;
    }
    this.renderLinks(shown.files);
    this.show();
  }

  renderLinks(files) {
    const texts = this.model.texts;
    const links = previewLinks(this.model.items(), files, this.model.content);
    if (!links.length) {
      this.links.replaceChildren(element(this.document, "span", { text: texts.previewLater }));
      return;
    }
    const anchors = links.map(({ lang, url }) =>
      element(this.document, "a", {
        href: url,
        target: "_blank",
        rel: "noopener",
        lang,
        hreflang: lang,
        "aria-label": `${texts.preview}: ${this.model.languages[lang] || lang} ${texts.opensNew}`,
        text: this.model.languages[lang] || lang,
      }),
    );
    const parts = [element(this.document, "strong", { text: `${texts.preview}:` })];
    for (const anchor of anchors) parts.push(" ", anchor);
    this.links.replaceChildren(...parts);
  }

  list(heading, lines, className) {
    return element(
      this.document,
      "div",
      { class: className },
      element(this.document, "p", { text: heading }),
      element(this.document, "ul", {}, ...lines.map((line) => element(this.document, "li", { text: line }))),
    );
  }

  /** The form's problems that keep the entry from being saved ([] clears). */
  refuse(problems) {
    if (!problems.length) {
      this.refusal.replaceChildren();
      return;
    }
    const languages = this.model.languages;
    const lines = problems.map((problem) => {
      const where = problem.lang ? `${languages[problem.lang] || problem.lang} – ` : "";
      return `${where}${problem.where.join(" › ")}: ${problem.message}`;
    });
    this.refusal.replaceChildren(this.list(this.model.texts.refused, lines, "site-panel__list"));
    this.show();
  }

  /**
   * A check of the form ran (a field left, or all fields before saving).
   * Many checks in one moment are a save: the whole entry is listed then.
   */
  validated(problems) {
    this.checks = (this.checks || 0) + 1;
    if (this.pending) return;
    this.pending = window.setTimeout(() => {
      const many = this.checks > 1;
      this.pending = null;
      this.checks = 0;
      if (many || this.refusal.childElementCount) this.refuse(problems());
    }, 0);
  }

  /** The build number before saving, to know when the build after it is done. */
  async beforeSave() {
    const url = this.model.problemsUrl;
    const shown = this.current();
    if (!url || !shown || !shown.collection) return;
    const path = shown.files.length ? shown.files[0].path : shown.collection.folder;
    const answer = await this.model.fetchJson(`${url}?path=${encodeURIComponent(path)}`);
    // A build running now may have started before the save: wait for the next.
    this.since = answer ? answer.build + (answer.busy ? 1 : 0) : -1;
  }

  /** After a save: wait for the preview's build and say what it found. */
  async saved(files) {
    this.refusal.replaceChildren();
    const url = this.model.problemsUrl;
    const texts = this.model.texts;
    this.show();
    this.saving = files.map((file) => file.path).join(" ");
    if (!url || !files.length) return;
    this.status.replaceChildren(element(this.document, "p", { text: texts.checking }));
    const ticket = Symbol("save");
    this.ticket = ticket;
    const pause = () => new Promise((resolve) => window.setTimeout(resolve, 250));
    const paths = files.map((file) => file.path);
    const problems = await problemsAfterBuild(this.model.fetchJson, url, paths, this.since, pause);
    if (this.ticket !== ticket) return;
    await this.model.refresh();
    const shown = this.current();
    if (shown) this.renderLinks(shown.files.length ? shown.files : files);
    if (problems === null) {
      this.status.replaceChildren();
      return;
    }
    if (!problems.length) {
      this.status.replaceChildren(element(this.document, "p", { text: texts.clean }));
      return;
    }
    const lines = problems.map((p) => describeProblem(p, files, this.model.languages, texts));
    this.status.replaceChildren(this.list(texts.built, lines, "site-panel__list"));
  }
}
