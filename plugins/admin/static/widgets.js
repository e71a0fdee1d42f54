// The form's inputs: Decap's own, checked the site's way, and two of ours.
//
// - Every simple input of Decap (a line, a paragraph, a choice, a number, a
//   switch, a picture) is wrapped: before saving it answers with the checks
//   of its field (checks.js), and a field required in a language is required
//   only while that language is being written.
// - A picture is shown from its address on the site (/images/members/x.png),
//   so pictures in subfolders get their thumbnail (Decap would look for them
//   in the field's own folder), and a chosen one keeps its folder (storage.js);
//   the file says images/… as the content contract asks.
// - `datetime` (in place of Decap's own, whose display follows the browser's
//   language): a date typed as German editors write it (20.05.2026 18:00),
//   stored as the contract's 2026-05-20 18:00 (dates.js).
// - `site-markdown`: Markdown typed and saved as it is written, with buttons
//   for what editors use most and a list of the site's items and pages to
//   link to, written in the contract's link syntax ({filename}/…).

import { fieldProblems, isRequired, isShared, writtenLanguages } from "./checks.js";
import { shown, stored } from "./dates.js";
import { isEmpty } from "./format.js";
import { chosenPicture } from "./storage.js";

const h = (...args) => window.h(...args);
const createClass = (spec) => window.createClass(spec);
/** What stands in for an empty field no language being written needs. */
const NOT_NEEDED = "-";

function plain(value) {
  return value && typeof value.toJS === "function" ? value.toJS() : value;
}

/**
 * A field's situation in the entry being edited: its language, that
 * language's values and whether they are being written.
 */
function situation(props, model) {
  const collection = model.collection(props.collection?.get?.("name"));
  const entry = (props.getEntry ? props.getEntry() : props.entry) || null;
  const field = plain(props.field) || {};
  if (!collection || !entry) return { collection, entry, field, lang: "", values: {}, written: true };
  if (!collection.i18n) {
    const values = plain(entry.get("data")) || {};
    return { collection, entry, field, lang: "", values, written: true };
  }
  const lang = props.locale || collection.defaultLocale;
  const byLanguage = {};
  for (const locale of collection.locales) {
    const path = locale === collection.defaultLocale ? ["data"] : ["i18n", locale, "data"];
    byLanguage[locale] = plain(entry.getIn(path)) || {};
  }
  const written = isShared(field) || writtenLanguages(collection, byLanguage).includes(lang);
  return { collection, entry, field, lang, values: byLanguage[lang], written };
}

/** What Decap's check of required fields gets: a stand-in where not needed. */
function validateValue(props, model, own) {
  const value = own !== undefined ? own : props.value;
  if (!isEmpty(plain(value))) return own;
  const { field, written } = situation(props, model);
  return isRequired(field) && !written ? NOT_NEEDED : own;
}

/** Decap's answer for a field: the first of its problems, or none. */
function validity(props, model, value = props.value) {
  const { entry, field, values } = situation(props, model);
  const [problem] = fieldProblems(field, plain(value), values);
  if (entry) model.panel.validated(() => model.problemsOf(entry));
  return problem ? { error: { type: "CUSTOM", message: problem } } : { error: false };
}

/**
 * A picture's address for showing it: the site's /images/… (any folder), or,
 * for one uploaded in this session and not saved yet, the upload itself.
 */
function pictureAddress(value, fresh) {
  if (typeof value !== "string" || value === "" || fresh.has(value)) return value;
  return /^([a-z]+:|\/)/i.test(value) ? value : `/${value}`;
}

/** Decap's input `original`, checked as its field says. */
export function checkedControl(original, model, { picture = false } = {}) {
  return createClass({
    displayName: "SiteChecked",
    isValid() {
      const own = this.inner?.isValid ? this.inner.isValid() : true;
      if (own === false || (own && own.error)) return own;
      return validity(this.props, model);
    },
    getValidateValue() {
      return validateValue(this.props, model, this.inner?.getValidateValue?.());
    },
    shouldComponentUpdate(next) {
      if (this.inner?.shouldComponentUpdate) return true;
      const props = this.props;
      return (
        props.value !== next.value ||
        props.classNameWrapper !== next.classNameWrapper ||
        props.hasActiveStyle !== next.hasActiveStyle
      );
    },
    focus(path) {
      if (this.inner?.focus) this.inner.focus(path);
      else document.getElementById(this.props.forID)?.focus();
    },
    onChange(value, metadata) {
      if (picture && typeof value === "string") {
        const chosen = chosenPicture(value, model.publicRoot);
        // A picture of this field's folder (one uploaded just now, too) is
        // shown by Decap itself; others by their address on the site.
        if (chosen === value) model.freshPictures.add(value);
        return this.props.onChange(chosen, metadata);
      }
      return this.props.onChange(value, metadata);
    },
    onBlur() {
      this.props.setInactiveStyle();
      if (this.props.field.get("checks") && !isEmpty(plain(this.props.value))) this.props.validate();
    },
    render() {
      const value = picture ? pictureAddress(this.props.value, model.freshPictures) : this.props.value;
      return h(original, {
        ...this.props,
        value,
        onChange: this.onChange,
        setInactiveStyle: this.onBlur,
        ref: (inner) => {
          this.inner = inner && inner.getWrappedInstance ? inner.getWrappedInstance() : inner;
        },
      });
    },
  });
}

/** `datetime`: a date typed the German way (see dates.js). */
export function dateControl(model) {
  return createClass({
    displayName: "SiteDate",
    getInitialState() {
      return { text: shown(plain(this.props.value), this.mode()) };
    },
    mode() {
      return this.props.field.get("mode") || "when";
    },
    componentDidUpdate(previous) {
      const value = plain(this.props.value) ?? "";
      if (previous.value !== this.props.value && stored(this.state.text, this.mode()) !== String(value)) {
        this.setState({ text: shown(value, this.mode()) });
      }
    },
    isValid() {
      return validity(this.props, model);
    },
    getValidateValue() {
      return validateValue(this.props, model, undefined);
    },
    focus() {
      this.input?.focus();
    },
    onInput(event) {
      const text = event.target.value;
      this.setState({ text });
      this.props.onChange(stored(text, this.mode()));
    },
    onPicked(event) {
      const day = event.target.value; // YYYY-MM-DD
      if (!day) return;
      const current = stored(this.state.text, this.mode());
      const time = / \d{2}:\d{2}$/.exec(current);
      const value = day + (time && this.mode() === "when" ? time[0] : "");
      this.setState({ text: shown(value, this.mode()) });
      this.props.onChange(value);
    },
    openCalendar() {
      try {
        this.picker?.showPicker();
      } catch {
        this.picker?.focus();
      }
    },
    render() {
      const { forID, classNameWrapper, setActiveStyle, isDisabled } = this.props;
      const texts = model.texts;
      const day = /^\d{4}-\d{2}-\d{2}/.exec(stored(this.state.text, this.mode()));
      return h(
        "div",
        { className: `${classNameWrapper} site-date` },
        h("input", {
          id: forID,
          type: "text",
          inputMode: "numeric",
          autoComplete: "off",
          placeholder: this.props.field.get("placeholder") || "",
          value: this.state.text,
          disabled: isDisabled,
          ref: (input) => {
            this.input = input;
          },
          onChange: this.onInput,
          onFocus: setActiveStyle,
          onBlur: () => {
            this.props.setInactiveStyle();
            if (this.state.text.trim()) this.props.validate();
          },
        }),
        this.mode() === "partial" || isDisabled
          ? null
          : h(
              "span",
              { className: "site-date__calendar" },
              h("button", { type: "button", onClick: this.openCalendar }, texts.calendar),
              h("input", {
                type: "date",
                tabIndex: -1,
                "aria-hidden": "true",
                value: day ? day[0] : "",
                ref: (input) => {
                  this.picker = input;
                },
                onChange: this.onPicked,
              }),
            ),
      );
    },
  });
}

/** Markdown around the selection of a text area: the new text and selection. */
export function wrapSelection(text, start, end, before, after = before, empty = "") {
  const selected = text.slice(start, end) || empty;
  const result = text.slice(0, start) + before + selected + after + text.slice(end);
  return { text: result, start: start + before.length, end: start + before.length + selected.length };
}

/** Lines of the selection started with `prefix` ("## ", "- "). */
export function prefixLines(text, start, end, prefix) {
  const from = text.lastIndexOf("\n", start - 1) + 1;
  const lines = text.slice(from, end).split("\n").map((line) => prefix + line);
  const joined = lines.join("\n");
  return {
    text: text.slice(0, from) + joined + text.slice(end),
    start: from,
    end: from + joined.length,
  };
}

/** The contract's link to another item: [text]({filename}/news/2026/x.de.md). */
export function itemLink(text, file) {
  return `[${text}]({filename}/${file})`;
}

/** The items offered to link to, those of the language being written first. */
export function linkChoices(items, lang, search = "") {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const matching = items.filter((item) => {
    if (item.linkable === false) return false;
    const title = `${item.title} ${item.file}`.toLowerCase();
    return words.every((word) => title.includes(word));
  });
  return [
    ...matching.filter((item) => item.lang === lang),
    ...matching.filter((item) => item.lang !== lang),
  ];
}

/** `site-markdown`: Markdown as typed, with buttons and a link picker. */
export function markdownControl(model) {
  return createClass({
    displayName: "SiteMarkdown",
    getInitialState() {
      return { picking: false, search: "", chosen: "" };
    },
    componentDidMount() {
      this.controlID = `site-markdown-${Math.random().toString(36).slice(2)}`;
    },
    shouldComponentUpdate(next, state) {
      return (
        this.props.value !== next.value ||
        this.state !== state ||
        this.props.classNameWrapper !== next.classNameWrapper ||
        Boolean(next.mediaPaths && next.mediaPaths.get(this.controlID))
      );
    },
    componentDidUpdate() {
      const path = this.props.mediaPaths && this.props.mediaPaths.get(this.controlID);
      if (!path) return;
      this.props.onRemoveInsertedMedia(this.controlID);
      const address = chosenPicture(Array.isArray(path) ? path[0] : path, model.publicRoot);
      this.change(({ text, start, end }) =>
        wrapSelection(text, start, end, "![", `](${address})`, model.texts.pictureText),
      );
    },
    isValid() {
      return validity(this.props, model);
    },
    getValidateValue() {
      return validateValue(this.props, model, undefined);
    },
    focus() {
      this.area?.focus();
    },
    change(edit) {
      const area = this.area;
      const text = this.props.value || "";
      const start = area ? area.selectionStart : text.length;
      const end = area ? area.selectionEnd : text.length;
      const result = edit({ text, start, end });
      this.props.onChange(result.text);
      window.requestAnimationFrame(() => {
        if (!this.area) return;
        this.area.focus();
        this.area.setSelectionRange(result.start, result.end);
      });
    },
    button(label, edit) {
      return h("button", { type: "button", onClick: () => this.change(edit) }, label);
    },
    addLink() {
      const address = window.prompt(model.texts.linkAddress, "https://");
      if (!address || address === "https://") return;
      this.change(({ text, start, end }) =>
        wrapSelection(text, start, end, "[", `](${address})`, model.texts.linkText),
      );
    },
    addPicture() {
      const { field, onOpenMediaLibrary } = this.props;
      onOpenMediaLibrary({
        controlID: this.controlID,
        forImage: true,
        allowMultiple: false,
        value: [],
        field,
      });
    },
    insertItem() {
      const item = model.items().find((candidate) => candidate.file === this.state.chosen);
      if (!item) return;
      this.setState({ picking: false, search: "", chosen: "" });
      this.change(({ text, start, end }) => {
        const label = text.slice(start, end) || item.title;
        const link = itemLink(label, item.file);
        return { text: text.slice(0, start) + link + text.slice(end), start, end: start + link.length };
      });
    },
    picker() {
      const texts = model.texts;
      const lang = this.props.locale || "";
      const choices = linkChoices(model.items(), lang, this.state.search).slice(0, 200);
      const id = `${this.props.forID}-items`;
      const languages = model.languages;
      return h(
        "div",
        { className: "site-picker", role: "group", "aria-label": texts.pickerLabel },
        h("input", {
          type: "search",
          placeholder: texts.pickerSearch,
          "aria-label": texts.pickerSearch,
          value: this.state.search,
          autoFocus: true,
          onChange: (event) => this.setState({ search: event.target.value }),
        }),
        choices.length
          ? h(
              "select",
              {
                id,
                size: 8,
                "aria-label": texts.pickerLabel,
                value: this.state.chosen,
                onChange: (event) => this.setState({ chosen: event.target.value }),
                onDoubleClick: this.insertItem,
              },
              choices.map((item) =>
                h(
                  "option",
                  { key: item.file + item.lang, value: item.file },
                  `${item.title} — ${model.sectionLabel(item.section)} · ${languages[item.lang] || item.lang}`,
                ),
              ),
            )
          : h("p", null, texts.pickerNone),
        h(
          "div",
          { className: "site-picker__actions" },
          h("button", { type: "button", onClick: this.insertItem, disabled: !this.state.chosen }, texts.insert),
          h("button", { type: "button", onClick: () => this.setState({ picking: false }) }, texts.cancel),
        ),
      );
    },
    render() {
      const { forID, classNameWrapper, setActiveStyle, setInactiveStyle, value, isDisabled } = this.props;
      const texts = model.texts;
      return h(
        "div",
        { className: "site-markdown" },
        isDisabled
          ? null
          : h(
              "div",
              { className: "site-markdown__toolbar", role: "toolbar", "aria-label": texts.toolbar, "aria-controls": forID },
              this.button(texts.bold, ({ text, start, end }) => wrapSelection(text, start, end, "**", "**", texts.bold)),
              this.button(texts.italic, ({ text, start, end }) => wrapSelection(text, start, end, "*", "*", texts.italic)),
              this.button(texts.heading, ({ text, start, end }) => prefixLines(text, start, end, "## ")),
              this.button(texts.list, ({ text, start, end }) => prefixLines(text, start, end, "- ")),
              h("button", { type: "button", onClick: this.addLink }, texts.link),
              h("button", { type: "button", onClick: () => this.setState({ picking: !this.state.picking }), "aria-expanded": this.state.picking }, texts.itemLink),
              h("button", { type: "button", onClick: this.addPicture }, texts.picture),
            ),
        this.state.picking ? this.picker() : null,
        h("textarea", {
          id: forID,
          className: `${classNameWrapper} site-markdown__text`,
          value: value || "",
          rows: 14,
          spellCheck: true,
          disabled: isDisabled,
          ref: (area) => {
            this.area = area;
          },
          onChange: (event) => this.props.onChange(event.target.value),
          onFocus: setActiveStyle,
          onBlur: setInactiveStyle,
        }),
      );
    },
  });
}

/** Register the site's inputs (see the top of this file). */
export function registerWidgets(CMS, model) {
  for (const name of ["string", "text", "select", "number", "boolean", "image", "file"]) {
    const widget = CMS.getWidget(name);
    const picture = name === "image" || name === "file";
    const control = checkedControl(widget.control, model, { picture });
    CMS.registerWidget(name, control, widget.preview, widget.schema);
  }
  const datetime = CMS.getWidget("datetime");
  CMS.registerWidget("datetime", dateControl(model), datetime.preview, datetime.schema);
  const markdown = CMS.getWidget("markdown");
  CMS.registerWidget("site-markdown", markdownControl(model), markdown.preview);
}
