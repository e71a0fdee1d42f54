/*
 * The site's additions to the editing interface (loaded after its bundle):
 *
 * - the preview pane uses the site's own stylesheet and shows an item in the
 *   language being edited (lang attribute, as on the site);
 * - a new item whose key (file name) was left empty gets one made from its
 *   title the way the site makes slugs: German letters transliterated
 *   (ä → ae, ö → oe, ü → ue, ß → ss), other accents dropped, lower case,
 *   words joined by "-".
 *
 * Settings come from data attributes of <body>: no inline script runs here.
 */
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var body = document.body;
  var defaultLang = body.getAttribute("data-default-lang") || "de";
  var markdownCollections = (body.getAttribute("data-markdown-collections") || "")
    .split(" ")
    .filter(Boolean);
  var GERMAN = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS" };
  var MAX_KEY = 80;

  function toKey(text) {
    var key = String(text || "")
      .replace(/[äöüßÄÖÜẞ]/g, function (c) { return GERMAN[c]; })
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "");
    return key.slice(0, MAX_KEY).replace(/-+$/, "");
  }

  var stylesheet = body.getAttribute("data-preview-style");
  if (stylesheet) {
    CMS.registerPreviewStyle(stylesheet);
  }

  function ItemPreview(props) {
    var data = props.entry.get("data");
    var lang = props.locale || defaultLang;
    if (props.document && props.document.documentElement) {
      props.document.documentElement.lang = lang;
    }
    return h(
      "main",
      { id: "main", lang: lang },
      h(
        "article",
        { className: "article" },
        h("header", { className: "article__header" }, h("h1", null, data.get("title") || "")),
        data.get("summary") ? h("p", { className: "lead" }, data.get("summary")) : null,
        h("div", { className: "prose" }, props.widgetFor("body"))
      )
    );
  }

  markdownCollections.forEach(function (name) {
    CMS.registerPreviewTemplate(name, ItemPreview);
  });

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var entry = event.entry;
      var data = entry.get("data");
      if (!entry.get("newRecord") || data.get("key")) {
        return data;
      }
      return data.set("key", toKey(data.get("title") || data.get("name")));
    },
  });
})();
