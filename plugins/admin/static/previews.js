// The preview pane beside the form: an item as the site shows it, in the
// language being edited and with the site's own stylesheet; a member or a
// person as a list of its fields, each choice shown by its label (Bay Area,
// not bay-area).

import { shown } from "./dates.js";

const h = (...args) => window.h(...args);

/** A Markdown item: title, teaser and text, in the pane's language. */
function itemPreview(defaultLang) {
  return function ItemPreview(props) {
    const data = props.entry.get("data");
    const lang = props.locale || defaultLang;
    if (props.document && props.document.documentElement) {
      props.document.documentElement.lang = lang;
    }
    return h(
      "main",
      { id: "main", lang },
      h(
        "article",
        { className: "article" },
        h("header", { className: "article__header" }, h("h1", null, data.get("title") || "")),
        data.get("summary") ? h("p", { className: "lead" }, data.get("summary")) : null,
        h("div", { className: "prose" }, props.widgetFor("body")),
      ),
    );
  };
}

/** A value as a reader of the form knows it: a choice by its label. */
export function shownValue(field, value, languages) {
  if (value === null || value === undefined || value === "") return "";
  if (field.widget === "datetime") return shown(value, field.mode);
  if (field.options) {
    const labels = new Map(field.options.map((option) => [String(option.value), option.label]));
    const values = Array.isArray(value) ? value : [value];
    return values.map((v) => labels.get(String(v)) ?? String(v)).join(", ");
  }
  if (Array.isArray(value)) return value.join(", ");
  if (typeof value === "object") {
    return Object.entries(value)
      .filter(([, text]) => text)
      .map(([lang, text]) => `${languages[lang] || lang}: ${text}`)
      .join("\n");
  }
  return String(value);
}

/** A YAML item (member, person): every filled-in field with its label. */
function fieldsPreview(collection, languages) {
  return function FieldsPreview(props) {
    const data = props.entry.get("data");
    const values = data && data.toJS ? data.toJS() : {};
    const rows = collection.fields
      .filter((field) => field.name !== collection.nameField)
      .map((field) => [field, shownValue(field, values[field.name], languages)])
      .filter(([, text]) => text);
    return h(
      "main",
      { id: "main" },
      h("h1", null, values[collection.titleField] || ""),
      h(
        "dl",
        { className: "site-fields" },
        rows.flatMap(([field, text]) => [
          h("dt", { key: `${field.name}-label` }, field.label || field.name),
          h("dd", { key: `${field.name}-value` }, text),
        ]),
      ),
    );
  };
}

/** Register a preview for every collection. */
export function registerPreviews(CMS, model, stylesheet) {
  if (stylesheet) CMS.registerPreviewStyle(stylesheet);
  CMS.registerPreviewStyle(".site-fields dd { white-space: pre-line; margin: 0 0 1em; }", {
    raw: true,
  });
  for (const collection of model.collections) {
    const preview = collection.extension === "md"
      ? itemPreview(collection.defaultLocale)
      : fieldsPreview(collection, model.languages);
    CMS.registerPreviewTemplate(collection.name, preview);
  }
}
