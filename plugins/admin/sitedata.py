"""What the editing interface knows of the site besides its configuration.

``/admin/site.json`` is written with every build, next to ``config.yml``, and
read by the interface's script (``static/site-admin.js``) when it starts and
after every save:

- ``texts``: the interface's own words (the problems panel, the Markdown
  editor's buttons, the page shown when there is no local backend) and
  ``phrases`` that correct Decap's German, in the editors' language;
- ``items``: every Markdown and YAML item the build published (drafts too in
  previews), with its file, language, title and address, for the link picker
  and the preview links;
- ``collections``: per section the keys already used (a new item's key must
  be free in every year folder) and the field naming a new file;
- ``pictures``: the folders below ``content/images/`` the media library lists;
- ``problems``: where the preview answers with the build's problems of a file.

Nothing here touches Pelican or the disk: the generator gathers the inputs.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from babel import Locale

from sitecore.i18n import M_

#: The interface's own words, by the name its script uses.
TEXTS = {
    "panel": M_("Notes on this entry"),
    "close": M_("Hide"),
    "preview": M_("Preview"),
    "previewLater": M_("The preview shows this entry once it is saved."),
    "opensNew": M_("(opens in a new tab)"),
    "checking": M_("Saved. The preview is being built …"),
    "clean": M_("Saved. The preview built it without problems."),
    "built": M_("Saved. The preview reports:"),
    "warning": M_("warning"),
    "refused": M_("Not saved yet. Please correct:"),
    "refusedToast": M_("please correct what the notes at the bottom right list"),
    "required": M_("{field}: please fill this in"),
    "keyTaken": M_(
        "the key '{key}' is already used by content/{file}; "
        "choose another key or edit that file"
    ),
    "broken": M_(
        "This file cannot be edited in the browser: its front matter has a "
        "mistake ({error}). Correct it in a text editor first."
    ),
    "signingIn": M_("Opening the editing interface …"),
    "noBackendTitle": M_("Editing is not available here"),
    "noBackendText": M_(
        "This preview was started without the local backend that saves your "
        "changes into content/. Stop it (Ctrl+C in its terminal) and start "
        "the editing instead:"
    ),
    "noBackendAfter": M_(
        "Then open the address it prints. The preview of the site keeps working "
        "as before."
    ),
    "toolbar": M_("Formatting"),
    "bold": M_("Bold"),
    "italic": M_("Italic"),
    "heading": M_("Heading"),
    "list": M_("List"),
    "link": M_("Link"),
    "linkAddress": M_("Address of the link (https://…)"),
    "itemLink": M_("Link to an item or page"),
    "picture": M_("Picture"),
    "pickerLabel": M_("Item or page to link to"),
    "pickerSearch": M_("Search by title"),
    "pickerNone": M_("Nothing found."),
    "insert": M_("Insert"),
    "cancel": M_("Cancel"),
    "linkText": M_("link text"),
    "pictureText": M_("description of the picture"),
    "calendar": M_("Calendar"),
    "notBuilt": M_(
        "This entry has no page in the preview yet. Save it; its page appears "
        "here once the preview is built."
    ),
}
#: Decap's own German, corrected where it is English or misleading
#: (``phrase path`` → message id).
PHRASES = {
    "auth.login": M_("Sign in"),
    "editor.editorToolbar.changesSaved": M_("No unsaved changes"),
    "editor.editorToolbar.deleteEntry": M_("Delete entry"),
    "editor.editorToolbar.deployButtonLabel": M_("Show the page"),
    "ui.toast.missingRequiredField": M_(
        "Not saved: some required fields are empty (marked in red)."
    ),
    "mediaLibrary.mediaLibraryModal.noResults": M_("Nothing found."),
    "collection.sidebar.allCollections": M_("All kinds of content"),
    "editor.editorControl.field.widgetLabel": M_("Input field"),
}


@dataclass(frozen=True)
class Item:
    """One language version of an item the build published."""

    section: str
    file: str  # relative to the content folder: news/2026/x.de.md
    lang: str
    title: str
    url: str  # the page's address on this site (the list's, without a page)
    linkable: bool = True  # has a page of its own, to link to


def language_names(languages: Iterable[str], editor_lang: str) -> dict[str, str]:
    """Each language's name in the editors' language ("Englisch")."""
    locale = Locale.parse(editor_lang)
    return {
        lang: (locale.languages.get(lang) or lang).capitalize() for lang in languages
    }


def nested(flat: Mapping[str, str]) -> dict[str, Any]:
    """``{"a.b": x}`` as ``{"a": {"b": x}}`` (the shape of Decap's phrases)."""
    result: dict[str, Any] = {}
    for path, value in flat.items():
        *parents, last = path.split(".")
        node = result
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return result


def site_data(
    *,
    translate: Callable[[str], str],
    editor_lang: str,
    languages: Iterable[str],
    content_dir: str,
    items: Iterable[Item],
    keys: Mapping[str, Mapping[str, str]],
    picture_folders: Iterable[str],
    problems_url: str = "",
) -> dict[str, Any]:
    """The contents of ``site.json`` (see the module docstring)."""
    return {
        "texts": {name: translate(text) for name, text in TEXTS.items()},
        "phrases": nested({path: translate(text) for path, text in PHRASES.items()}),
        "languages": language_names(languages, editor_lang),
        "content": content_dir,
        "items": [
            {
                "section": item.section,
                "file": item.file,
                "lang": item.lang,
                "title": item.title,
                "url": item.url,
                "linkable": item.linkable,
            }
            for item in sorted(items, key=lambda i: (i.section, i.file, i.lang))
        ],
        "keys": {
            section: dict(sorted(found.items())) for section, found in keys.items()
        },
        "pictures": sorted(set(picture_folders)),
        "problems": problems_url,
    }


def site_json(data: Mapping[str, Any]) -> str:
    """``data`` as the file the interface loads."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
