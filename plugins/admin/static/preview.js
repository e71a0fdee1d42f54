// /admin/preview.html: from an entry of the interface to its page on the site.
//
// The interface's "show the page" link names the entry's section and file
// (?section=news&item=2026/summer-party). Its address depends on its slug,
// language and year folder, so it is looked up in the build's list of items
// (site.json): the default language's page if there is one, else another
// language's. An entry saved a moment ago may not be built yet: the list is
// asked again for a little while before the page says so.

/** The item's page among `items`: [{section, file, lang, url}]. */
export function pageOf(items, section, item, languages) {
  const wanted = `/${String(item || "").replace(/^\/+/, "")}`;
  const found = items.filter((candidate) => {
    if (candidate.section !== section) return false;
    const stem = `/${candidate.file}`.replace(/(\.[a-z]{2,3})?\.(md|yml)$/, "");
    return stem.endsWith(wanted);
  });
  for (const lang of languages) {
    const match = found.find((candidate) => candidate.lang === lang);
    if (match) return match.url;
  }
  return found.length ? found[0].url : null;
}

async function main() {
  const status = document.getElementById("site-preview-status");
  const query = new URLSearchParams(window.location.search);
  for (let attempt = 0; attempt < 40; attempt += 1) {
    const response = await fetch("site.json", { cache: "no-store" });
    const site = response.ok ? await response.json() : null;
    if (site) {
      const url = pageOf(site.items, query.get("section"), query.get("item"), Object.keys(site.languages));
      if (url) {
        window.location.replace(url);
        return;
      }
      status.textContent = site.texts.notBuilt;
    }
    await new Promise((resolve) => window.setTimeout(resolve, 500));
  }
}

if (typeof document !== "undefined") main();
