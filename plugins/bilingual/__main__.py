"""Build the site once: ``python -m bilingual -s publishconf.py -o output``.

What ``invoke build`` and ``invoke publish`` run. It is Pelican with the
site's settings, minus Pelican's own summary line, which counts Pelican's
article and page generators (they read nothing here); the site's summary
("71 pages (de, en) built in 0.7 s") and its problems are printed instead.
Exit status 1 when a strict build found errors.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Run one build; 0 on success."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args(argv)
    root = Path(args.settings).resolve().parent
    sys.path[:0] = [str(root), str(root / "plugins")]
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")

    from pelican import Pelican
    from pelican.log import console
    from pelican.settings import read_settings

    from bilingual.output import OutputError
    from bilingual.settings import SettingsError

    try:
        settings = read_settings(args.settings, override={"OUTPUT_PATH": args.output})
        pelican = Pelican(settings)
        console.quiet = True
        pelican.run()
    except SettingsError as exc:
        print(exc, file=sys.stderr)
        return 1
    except OutputError as exc:  # a mistake in the code or settings: one sentence
        print(_maintainer_text(exc, settings), file=sys.stderr)
        return 1
    except SystemExit as exc:
        return int(exc.code or 0) if isinstance(exc.code, int) else 1
    return 0


def _maintainer_text(error: Exception, settings: dict) -> str:
    """``error``'s message in the editor's language (German unless asked otherwise)."""
    from bilingual.catalogs import editor_languages, load_catalog
    from sitecore.i18n import DEFAULT_EDITOR_LANGUAGE, editor_language, render

    folder = Path(settings["THEME"]) / "translations"
    languages = editor_languages(str(folder)) or (DEFAULT_EDITOR_LANGUAGE,)
    catalog = load_catalog(str(folder), editor_language(languages))
    return render(getattr(error, "message", str(error)), catalog.gettext)


if __name__ == "__main__":
    sys.exit(main())
