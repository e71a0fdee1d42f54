// Between the interface and where files live (the local backend, or GitHub).
//
// Decap CMS asks its backend for files and hands it files to write. This
// layer sits in between so that:
//
// - an item that exists in one language only is one item: Decap expects the
//   default language's file and, without it, puts the other language's text
//   into the German form. A stand-in for the missing file (its language-
//   neutral fields only, such as the date) keeps each language in its place;
// - only what changed is written: a language whose file would come out as
//   it was read, or that has nothing of its own (format.js returns ""), is
//   left alone, so editing German never touches the English file;
// - pictures are offered from every folder below content/images/, named by
//   their folder, and a chosen one keeps its folder (Decap would keep only the
//   file name; see offeredMedia);
// - deleting an item deletes the files it has, not the stand-in.

import { VIRTUAL } from "./format.js";

/** The language of a file named `<key>.<lang>.<extension>`. */
export function languageOf(path, extension) {
  const stem = path.slice(0, -(extension.length + 1));
  const dot = stem.lastIndexOf(".");
  return dot === -1 ? "" : stem.slice(dot + 1);
}

/** The same item's file in `lang`. */
export function inLanguage(path, extension, lang) {
  const stem = path.slice(0, -(extension.length + 1));
  return `${stem.slice(0, stem.lastIndexOf("."))}.${lang}.${extension}`;
}

/**
 * The stand-in of a language file that does not exist, made from a file of
 * the same item in another language: its shared fields (they are entered
 * once, in the default language's form), and a note of its title there
 * (shown in the list of items).
 */
export function standIn(collection, raw, lang) {
  const data = collection.format.fromFile(raw);
  const shared = {};
  for (const name of collection.shared) {
    if (name in data) shared[name] = data[name];
  }
  const title = data[collection.titleField] || "";
  const elsewhere = title ? `${title} (${lang.toUpperCase()})` : "";
  return VIRTUAL + JSON.stringify({ data: shared, elsewhere });
}

/**
 * The listing of a folder with a stand-in for every item missing in the
 * default language; `files` are Decap's {file: {path, id}, data} records.
 */
export function withStandIns(collection, files) {
  const { extension, defaultLocale, locales } = collection;
  const byItem = new Map();
  for (const record of files) {
    const lang = languageOf(record.file.path, extension);
    if (!locales.includes(lang)) continue;
    const item = inLanguage(record.file.path, extension, defaultLocale);
    if (!byItem.has(item)) byItem.set(item, new Map());
    byItem.get(item).set(lang, record);
  }
  const added = [];
  for (const [path, languages] of byItem) {
    if (languages.has(defaultLocale)) continue;
    const lang = locales.find((l) => languages.has(l));
    const other = languages.get(lang);
    added.push({ file: { path, id: null }, data: standIn(collection, other.data, lang) });
  }
  return [...files, ...added];
}

/** The files of `dataFiles` worth writing: not empty, not as they were read. */
export function changedFiles(dataFiles, read) {
  return dataFiles.filter((file) => file.raw.trim() !== "" && read.get(file.path) !== file.raw);
}

/**
 * A picture as the media library offers it while a field is being edited.
 * Decap lists only the pictures of the field's own folder, and keeps only a
 * picture's file name when it is chosen; a picture from another folder is
 * therefore offered inside the field's folder under its whole path, escaped
 * (`news%2F2026%2Fhafen.jpg`), and `chosenPicture` turns the choice back into
 * the picture's address. Its name shows the folder it is in.
 */
export function offeredMedia(file, folder, pictures) {
  const root = `${pictures.replace(/\/+$/, "")}/`;
  if (!file.path.startsWith(root)) return file;
  const inside = file.path.slice(root.length);
  const here = file.path.slice(0, file.path.lastIndexOf("/")) === folder;
  return here
    ? { ...file, name: inside }
    : { ...file, name: inside, path: `${folder}/${encodeURIComponent(inside)}` };
}

/**
 * The folders a listing is offered in: the one asked for and, where that is
 * a section's folder whose pictures go into year folders (`datedFolders`),
 * also this year's, which a new item's folder becomes once it has a date.
 */
export function offeredFolders(folder, datedFolders = [], year = new Date().getFullYear()) {
  return datedFolders.includes(folder) ? [folder, `${folder}/${year}`] : [folder];
}

/** The repository path of a picture as the media library offered it. */
export function repositoryPath(path, pictures) {
  const name = path.slice(path.lastIndexOf("/") + 1);
  if (!/%2F/i.test(name)) return path;
  return `${pictures.replace(/\/+$/, "")}/${decodeURIComponent(name)}`;
}

/**
 * The address a chosen picture is written with: `images/news/2026/x.jpg`
 * (`/images/…` in a text), whatever folder Decap put before its name.
 */
export function chosenPicture(value, publicRoot) {
  if (typeof value !== "string") return value;
  const slash = value.lastIndexOf("/");
  const name = value.slice(slash + 1);
  if (!/%2F/i.test(name)) return value;
  const root = value.startsWith("/") ? `/${publicRoot.replace(/^\/+/, "")}` : publicRoot.replace(/^\/+/, "");
  return `${root}/${decodeURIComponent(name)}`;
}

/**
 * A backend implementation that behaves as described above. `site` knows the
 * collections (by folder), the picture folders and, for the local backend,
 * how the editor signs in (at once: there is nobody to ask); it is told
 * which files an entry has after each save, and whether any was written.
 */
export function wrapImplementation(inner, site) {
  const read = new Map(); // path → the text read from it
  const standIns = new Set(); // paths that do not exist

  function remember(records) {
    for (const record of records) {
      if (typeof record.data === "string" && record.data.startsWith(VIRTUAL)) {
        standIns.add(record.file.path);
      } else if (record.data !== null && record.data !== undefined) {
        read.set(record.file.path, record.data);
        standIns.delete(record.file.path);
      }
    }
    return records;
  }

  function listing(folder, records) {
    const collection = site.collectionOf(`${folder}/x`);
    return remember(collection && collection.i18n ? withStandIns(collection, records) : records);
  }

  async function getEntry(path) {
    const collection = site.collectionOf(path);
    let record = null;
    try {
      record = await inner.getEntry(path);
    } catch (error) {
      if (!collection?.i18n) throw error;
    }
    if (record && record.data !== null && record.data !== undefined) return remember([record])[0];
    if (!collection || !collection.i18n) return record;
    for (const lang of collection.locales) {
      const other = inLanguage(path, collection.extension, lang);
      if (other === path) continue;
      const raw = read.get(other) ?? (await inner.getEntry(other).catch(() => null))?.data;
      if (raw) {
        read.set(other, raw);
        return remember([{ file: { path, id: null }, data: standIn(collection, raw, lang) }])[0];
      }
    }
    return record;
  }

  const overrides = {
    async entriesByFolder(folder, extension, depth) {
      return listing(folder, await inner.entriesByFolder(folder, extension, depth));
    },
    getEntry,
    async persistEntry(entry, options) {
      const all = entry.dataFiles || [];
      const dataFiles = changedFiles(all, read);
      const written = dataFiles.length > 0 || (entry.assets || []).length > 0;
      const result = written ? await inner.persistEntry({ ...entry, dataFiles }, options) : undefined;
      for (const file of dataFiles) {
        read.set(file.newPath || file.path, file.raw);
        standIns.delete(file.newPath || file.path);
      }
      site.saved?.(all.map((file) => file.newPath || file.path), written);
      return result;
    },
    deleteFiles(paths, message) {
      const real = paths
        .filter((path) => !standIns.has(path))
        .map((path) => repositoryPath(path, site.mediaFolder));
      for (const path of real) read.delete(path);
      return real.length ? inner.deleteFiles(real, message) : Promise.resolve();
    },
    async getMedia(folder) {
      const folders = new Set([...site.pictureFolders(), ...(folder ? [folder] : [])]);
      const lists = await Promise.all([...folders].map((f) => inner.getMedia(f).catch(() => [])));
      const seen = new Set();
      const files = lists.flat().filter((file) => !seen.has(file.path) && seen.add(file.path));
      // A new item has no date yet when its pictures are listed; by the time
      // the library opens, its folder is this year's (see offeredFolders).
      return offeredFolders(folder || site.mediaFolder, site.datedFolders).flatMap((offered) =>
        files.map((file) => offeredMedia(file, offered, site.mediaFolder)),
      );
    },
    getMediaFile(path) {
      return inner.getMediaFile(repositoryPath(path, site.mediaFolder));
    },
  };
  if (typeof inner.allEntriesByFolder === "function") {
    overrides.allEntriesByFolder = async (folder, ...rest) =>
      listing(folder, await inner.allEntriesByFolder(folder, ...rest));
  }
  if (site.signIn) overrides.authComponent = () => site.signIn;

  return new Proxy(inner, {
    get(target, name) {
      if (Object.prototype.hasOwnProperty.call(overrides, name)) return overrides[name];
      const value = target[name];
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
