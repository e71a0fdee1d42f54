// Saving a file as the editor wrote it: the interface's file formats.
//
// Decap CMS reads a file into values and writes the values back. Its own
// formats write the whole file anew: comments vanish, `|` becomes `>`, keys are
// reordered and empty fields come back as `null`. These formats keep the text
// of the file as it was read and change only the fields whose values changed:
// a field left alone keeps its bytes (quotes, comments, block style, order), a
// changed one keeps its place and style, a field emptied in the form leaves
// the file, and an empty field never enters it. Saving an unchanged entry
// writes the file it read, byte for byte.
//
// Front matter files (`---` YAML `---`, then Markdown) and YAML files
// (members, people) are both handled here; the YAML library comes in as an
// argument, so the same code runs in the browser and under `node --test`.

/** The key under which a value carries the text its file was read from. */
export const SOURCE = "__source";
/** Values of an entry that exists in another language only (see storage.js). */
export const ELSEWHERE = "__elsewhere";
/** A file that could not be read: saving it through the form is refused. */
export const BROKEN = "__broken";
/** How storage.js marks the stand-in of a language file that does not exist. */
export const VIRTUAL = "\u0000site-admin-virtual:";

const FENCE = /^---[ \t]*\r?\n/;
const CLOSING = /^---[ \t]*$/m;
const OUTPUT = {
  lineWidth: 0,
  minContentWidth: 0,
  flowCollectionPadding: false,
  blockQuote: "literal",
};

/** True for what a form leaves when a field is not filled in. */
export function isEmpty(value) {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.every(isEmpty);
  if (typeof value === "object") return Object.values(value).every(isEmpty);
  return false;
}

/**
 * Whether two values say the same: empty equals empty, 1 equals "1" (a
 * number in the file, a text in the form), lists item by item, mappings
 * key by key.
 */
export function same(a, b) {
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return false;
    const left = a.filter((item) => !isEmpty(item));
    const right = b.filter((item) => !isEmpty(item));
    return left.length === right.length && left.every((item, i) => same(item, right[i]));
  }
  const objectA = a !== null && typeof a === "object";
  const objectB = b !== null && typeof b === "object";
  if (objectA || objectB) {
    if (!objectA || !objectB) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => same(a[key], b[key]));
  }
  return String(a) === String(b);
}

/**
 * Whether one language's values have anything of their own to say: a field
 * written per language (`translatable`) filled in with more than its default.
 */
export function hasOwnContent(data, translatable, defaults = {}) {
  return [...translatable].some((name) => {
    const value = data[name];
    return !isEmpty(value) && !(name in defaults && same(defaults[name], value));
  });
}

/** A value without what the form left empty (lists and mappings inside too). */
function pruned(value) {
  if (Array.isArray(value)) return value.filter((item) => !isEmpty(item)).map(pruned);
  if (value !== null && typeof value === "object") {
    const result = {};
    for (const [key, item] of Object.entries(value)) {
      if (!isEmpty(item)) result[key] = pruned(item);
    }
    return result;
  }
  return value;
}

function lineStart(text, offset) {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function lineEnd(text, offset) {
  if (offset > 0 && text[offset - 1] === "\n") return offset;
  const end = text.indexOf("\n", offset);
  return end === -1 ? text.length : end + 1;
}

/**
 * The formats of one collection.
 *
 * `options.frontMatter`: Markdown with front matter (else a YAML file);
 * `options.translatable`: names of the fields written per language — a
 * language file with none of them filled in is not written (the result is
 * ""); `options.defaults`: field → the value a new file need not spell out;
 * `options.skip`: fields that name the file and are never written into it.
 */
export function makeFormat(YAML, options = {}) {
  const translatable = new Set(options.translatable || []);
  const defaults = options.defaults || {};
  const skip = new Set([...(options.skip || []), "body", SOURCE, ELSEWHERE, BROKEN]);

  function isInternal(key) {
    return skip.has(key) || key.startsWith("__");
  }

  /** The front matter, the text around it, and the body of a Markdown file. */
  function split(text) {
    const fence = FENCE.exec(text);
    if (!fence) return null;
    const after = text.slice(fence[0].length);
    const closing = CLOSING.exec(after);
    if (!closing) return null;
    const yaml = after.slice(0, closing.index);
    const rest = after.slice(closing.index);
    const end = lineEnd(rest, closing[0].length);
    const separator = /^(\r?\n)*/.exec(rest.slice(end))[0];
    return {
      head: fence[0],
      yaml,
      closing: rest.slice(0, end),
      separator,
      body: rest.slice(end + separator.length),
    };
  }

  function parse(yaml) {
    const doc = YAML.parseDocument(yaml);
    if (doc.errors.length) {
      return { doc, error: doc.errors.map((e) => e.message).join("\n") };
    }
    if (doc.contents !== null && !YAML.isMap(doc.contents)) {
      return { doc, error: "not a mapping" };
    }
    return { doc, error: "" };
  }

  function fromFile(text) {
    if (text === null || text === undefined || text === "") return {};
    if (text.startsWith(VIRTUAL)) {
      const { data, elsewhere } = JSON.parse(text.slice(VIRTUAL.length));
      return { ...data, [ELSEWHERE]: elsewhere };
    }
    let yaml = text;
    let body;
    if (options.frontMatter) {
      const parts = split(text);
      if (!parts) return { body: text, [SOURCE]: text, [BROKEN]: "front matter" };
      yaml = parts.yaml;
      body = parts.body;
    }
    const { doc, error } = parse(yaml);
    if (error) return { body, [SOURCE]: text, [BROKEN]: error };
    const data = doc.contents ? doc.toJS() : {};
    if (options.frontMatter) data.body = body;
    data[SOURCE] = text;
    return data;
  }

  /** A new node for `value`, in the style of `old` where there was one. */
  function patched(doc, old, value) {
    if (Array.isArray(value)) {
      const items = value.filter((item) => !isEmpty(item));
      const node = doc.createNode(pruned(items));
      if (YAML.isSeq(old)) {
        node.flow = old.flow;
        node.items = node.items.map((item, i) =>
          i < old.items.length && same(old.items[i]?.toJSON?.() ?? old.items[i], items[i])
            ? old.items[i]
            : item,
        );
      } else {
        node.flow = items.every((item) => typeof item !== "object");
      }
      return node;
    }
    if (value !== null && typeof value === "object") {
      if (!YAML.isMap(old)) return doc.createNode(pruned(value));
      for (const [key, item] of Object.entries(value)) {
        const current = old.get(key, true);
        const before = current?.toJSON ? current.toJSON() : current;
        if (same(before, item)) continue;
        if (isEmpty(item)) old.delete(key);
        else old.set(key, patched(doc, current, item));
      }
      return old;
    }
    if (YAML.isScalar(old) && typeof old.value !== "object") {
      const multiline = typeof value === "string" && value.includes("\n");
      if (multiline && !String(old.type).startsWith("BLOCK")) old.type = undefined;
      old.value = value;
      return old;
    }
    const node = doc.createNode(value);
    if (typeof value === "string" && value.startsWith("+")) node.type = "QUOTE_DOUBLE";
    return node;
  }

  /** One `key: value` pair as a line (or lines) of YAML. */
  function render(doc, key, node) {
    const mini = new YAML.Document();
    mini.contents = new YAML.YAMLMap();
    const pair = new YAML.Pair(doc.createNode(key), node);
    mini.contents.items.push(pair);
    return mini.toString(OUTPUT);
  }

  /** The YAML text of `data`, changing `yaml` (the file's) as little as possible. */
  function patchYaml(yaml, data, order) {
    const { doc, error } = parse(yaml || "");
    if (error) throw new Error(error);
    const present = doc.contents ? doc.contents.items : [];
    const spans = present.map((pair, i) => {
      const start = lineStart(yaml, pair.key.range[0]);
      const valueEnd = pair.value ? pair.value.range[2] : pair.key.range[2];
      const next = i + 1 < present.length ? lineStart(yaml, present[i + 1].key.range[0]) : yaml.length;
      return { key: String(pair.key.value), pair, start, end: Math.min(lineEnd(yaml, valueEnd), next) };
    });
    const known = new Set(spans.map((span) => span.key));
    const replaced = new Map();
    for (const span of spans) {
      if (isInternal(span.key) || !(span.key in data)) continue;
      const value = data[span.key];
      const before = span.pair.value?.toJSON ? span.pair.value.toJSON() : span.pair.value;
      if (same(before, value)) continue;
      replaced.set(span.key, isEmpty(value) ? "" : render(doc, span.key, patched(doc, span.pair.value, value)));
    }
    const wanted = [...order, ...Object.keys(data)];
    const added = new Map();
    for (const key of new Set(wanted)) {
      if (known.has(key) || isInternal(key) || !(key in data)) continue;
      const value = data[key];
      if (isEmpty(value) || (key in defaults && same(defaults[key], value))) continue;
      // After the nearest field before it (in the form's order) the file has.
      const position = wanted.indexOf(key);
      const previous = wanted.slice(0, position).reverse().find((name) => known.has(name));
      const text = render(doc, key, patched(doc, null, value));
      added.set(previous ?? "", (added.get(previous ?? "") || "") + text);
    }
    let result = "";
    let cursor = 0;
    const top = added.get("") || "";
    if (top) {
      const first = spans.length ? spans[0].start : yaml.length;
      result += yaml.slice(0, first) + top;
      cursor = first;
    }
    for (const span of spans) {
      result += yaml.slice(cursor, span.start);
      let text = replaced.has(span.key) ? replaced.get(span.key) : yaml.slice(span.start, span.end);
      if (text && !text.endsWith("\n")) text += "\n";
      result += text + (added.get(span.key) || "");
      cursor = span.end;
    }
    return result + yaml.slice(cursor);
  }

  function toFile(data, order = []) {
    if (data[BROKEN]) throw new Error(`the file cannot be read: ${data[BROKEN]}`);
    if (translatable.size && !hasOwnContent(data, translatable, defaults)) return "";
    const source = data[SOURCE];
    if (!options.frontMatter) {
      return patchYaml(source || "", data, order);
    }
    const parts = source ? split(source) : null;
    const yaml = patchYaml(parts ? parts.yaml : "", data, order);
    const body = data.body ?? "";
    if (parts) {
      const text = body === parts.body ? parts.separator + parts.body : parts.separator + body;
      return parts.head + yaml + parts.closing + text;
    }
    return `---\n${yaml}---\n${body ? `\n${body}` : ""}`;
  }

  return { fromFile, toFile };
}
