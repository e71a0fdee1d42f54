// The checks the form runs before saving, from the site's field types.
//
// Each field of the generated configuration may carry `checks`: what its
// type asks of a value (a date of a kind, a pattern) and what it asks of its
// neighbours (a picture's description, the consent date personal data needs).
// The messages come with them, in the editor's language, from the build's
// catalogs. Required fields are required in the languages being written: an
// item may exist in one language only, and the other language's fields may
// stay empty.

import { dateProblem, shown } from "./dates.js";
import { hasOwnContent, isEmpty } from "./format.js";

/** `{name}` placeholders of a message filled in. */
export function fill(message, values) {
  return String(message).replace(/\{(\w+)\}/g, (whole, name) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The problem of one value with one of its field's checks, or null. */
export function valueProblem(check, value, neighbours = {}) {
  switch (check.kind) {
    case "date": {
      if (isEmpty(value)) return null;
      const kind = dateProblem(value, check.mode, check.first, check.last);
      return kind ? fill(check.messages[kind], { text: shown(value, check.mode) }) : null;
    }
    case "pattern": {
      const values = Array.isArray(value) ? value : [value];
      const pattern = new RegExp(check.pattern);
      const wrong = values.find((item) => !isEmpty(item) && !pattern.test(String(item).trim()));
      return wrong === undefined ? null : fill(check.message, { text: wrong });
    }
    case "with":
      return isEmpty(value) && !isEmpty(neighbours[check.field]) ? check.message : null;
    case "needs":
      return !isEmpty(value) && isEmpty(neighbours[check.field]) ? check.message : null;
    default:
      return null;
  }
}

/** Every problem of one field's value (not counting a missing value). */
export function fieldProblems(field, value, neighbours = {}) {
  return (field.checks || [])
    .map((check) => valueProblem(check, value, neighbours))
    .filter((problem) => problem !== null);
}

/**
 * Whether a field is the same in every language (entered once, in the
 * default language's form): a date, a place, the file name.
 */
export function isShared(field) {
  if (field.i18n === "duplicate" || field.i18n === "none") return true;
  return Boolean(field.widget === "object" && field.fields && field.fields.every(isShared));
}

/** Whether a field needs a value in a language that is being written. */
export function isRequired(field) {
  return field.required !== false && field.widget !== "boolean" && field.widget !== "hidden";
}

/**
 * The languages of an i18n entry that are written: those with a value of
 * their own (see format.js); none at all means the default language (a new,
 * empty form asks for German first).
 */
export function writtenLanguages(collection, byLanguage) {
  const written = collection.locales.filter(
    (lang) =>
      byLanguage[lang] &&
      hasOwnContent(byLanguage[lang], collection.translatable, collection.defaults),
  );
  return written.length ? written : [collection.defaultLocale];
}

/**
 * The key (file name) a new item gets: the one typed, or the title's
 * letters as the site writes keys (ä → ae, ß → ss, accents dropped).
 */
export function keyFromTitle(text, limit = 80) {
  const german = { ä: "ae", ö: "oe", ü: "ue", ß: "ss", Ä: "Ae", Ö: "Oe", Ü: "Ue", ẞ: "SS" };
  const key = String(text || "")
    .replace(/[äöüßÄÖÜẞ]/g, (c) => german[c])
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return key.slice(0, limit).replace(/-+$/, "");
}

function walk(fields, data, lang, path, problems, options) {
  for (const field of fields) {
    if (options.only && !options.only(field)) continue;
    const value = data ? data[field.name] : undefined;
    const where = [...path, field.label || field.name];
    const add = (message) => problems.push({ lang, field: field.name, where, message });
    if (field.widget === "object" && field.fields) {
      if (isEmpty(value) && field.required === false) continue;
      walk(field.fields, value || {}, lang, where, problems, { ...options, only: null });
      continue;
    }
    if (isEmpty(value)) {
      if (isRequired(field)) add(fill(options.messages.required, { field: where.join(" › ") }));
      else fieldProblems(field, value, data || {}).forEach(add);
      continue;
    }
    if (field.widget === "list" && field.field && Array.isArray(value)) {
      for (const item of value) fieldProblems(field.field, item, data || {}).forEach(add);
    }
    fieldProblems(field, value, data || {}).forEach(add);
  }
}

/**
 * Every problem of an entry before it is saved: {lang, field, where (the
 * labels to the field), message}. `byLanguage` maps each language to its
 * values ("" for a file with every language inside); `collection` is the
 * collection's fields with the site's knowledge of it (see site-admin.js).
 */
export function entryProblems(collection, byLanguage, messages, isNew = false) {
  const problems = [];
  if (!collection.i18n) {
    walk(collection.fields, byLanguage[""] || {}, "", [], problems, { messages });
  } else {
    const written = writtenLanguages(collection, byLanguage);
    const own = (field) => !isShared(field);
    const main = byLanguage[collection.defaultLocale] || {};
    walk(collection.fields, main, "", [], problems, { messages, only: isShared });
    for (const lang of written) {
      walk(collection.fields, byLanguage[lang] || {}, lang, [], problems, { messages, only: own });
    }
  }
  if (isNew && collection.nameField) {
    const data = byLanguage[collection.i18n ? collection.defaultLocale : ""] || {};
    const titles = Object.values(byLanguage).map((values) => values?.[collection.titleField]);
    const key = data[collection.nameField] || keyFromTitle(titles.find((t) => !isEmpty(t)));
    const taken = (collection.keys || {})[key];
    if (key && taken) {
      problems.push({
        lang: "",
        field: collection.nameField,
        where: [collection.nameLabel || collection.nameField],
        message: fill(messages.keyTaken, { key, file: taken }),
      });
    }
  }
  return problems;
}
