"""Checks that no page can run script it should not, or send visitors elsewhere.

Content is cleaned while it is read; these checks look at the result, so a
template edit or a plugin that writes HTML itself cannot slip script, frames
or foreign forms past review. Everything is read from the parsed HTML (the
attribute values as a browser decodes them), never by pattern-matching text.

The Content-Security-Policy check asks for the policy that makes the rest
enforceable in browsers: only the site's own scripts and styles, no plugins,
no ``<base>``, and forms that post only where the page's forms post.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from types import MappingProxyType
from urllib.parse import urlsplit

from bs4 import Tag

from sitecore.sanitize import url_scheme

from .findings import Finding
from .site import OutputSite, Page, css_urls, is_editor_url, srcset_urls

#: Attributes holding URLs a browser follows or loads.
URL_ATTRIBUTES = (
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "xlink:href",
    "background",
)
UNSAFE_SCHEMES = frozenset({"javascript", "vbscript", "data"})
#: ``type`` values that make a ``<script>`` run (others are data blocks,
#: such as JSON-LD, which a browser never executes).
SCRIPT_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript"}
    | {"application/ecmascript", "application/x-ecmascript"}
    | {"application/x-javascript", "text/ecmascript", "text/jscript"}
    | {"text/livescript", "text/x-ecmascript", "text/x-javascript"}
    | {f"text/javascript1.{minor}" for minor in range(6)}
)
EMBEDDING = ("iframe", "object", "embed", "frame", "frameset", "applet")
#: The search page's script-src instead of 'self' alone.
SEARCH_SCRIPT_SRC = "'self' 'wasm-unsafe-eval'"
CSP_REQUIRED: Mapping[str, str] = MappingProxyType(
    {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "base-uri": "'none'",
        "object-src": "'none'",
    }
)


def _describe(tag: Tag, attribute: str | None = None) -> str:
    """``<a href="…">``: the element, with the attribute a finding is about."""
    if attribute is None:
        return f"<{tag.name}>"
    value = str(tag.get(attribute, ""))
    shown = value if len(value) <= 60 else value[:59] + "…"
    return f'<{tag.name} {attribute}="{shown}">'


def _urls(tag: Tag) -> Iterator[tuple[str, str]]:
    """(attribute, URL) for every URL ``tag`` carries."""
    for attribute in URL_ATTRIBUTES:
        value = tag.get(attribute)
        if isinstance(value, str):
            yield attribute, value
    for attribute in ("srcset", "imagesrcset"):
        value = tag.get(attribute)
        if isinstance(value, str):
            for url in srcset_urls(value):
                yield attribute, url


def _is_script(tag: Tag) -> bool:
    return str(tag.get("type", "")).strip().lower() in SCRIPT_TYPES


def _form_target(form: Tag, site: OutputSite) -> str:
    """The host a form posts to: "" for the site itself."""
    action = str(form.get("action") or "").strip()
    if not action or not site.is_external(action):
        return ""
    return urlsplit(action).netloc.lower()


def _is_own_redirect(site: OutputSite, page: Page, content: str) -> bool:
    """An old address of the site leading to its new page (front matter aliases).

    Allowed when the target is a page of this site, named as the canonical
    page too, and the redirect page keeps itself out of search engines.
    """
    _delay, _, target = content.partition(";")
    target = target.strip()
    if not target.lower().startswith("url="):
        return False
    target = target[4:].strip()
    resolved = site.resolve(target, page.url)
    if resolved is None or not resolved.exists:
        return False
    robots = page.soup.find("meta", attrs={"name": "robots"})
    canonical = page.soup.find("link", rel="canonical")
    noindex = robots is not None and "noindex" in str(robots.get("content", ""))
    href = str(canonical.get("href", "")) if canonical is not None else ""
    named = site.resolve(href, page.url) if href else None
    return noindex and named is not None and named.file == resolved.file


def _page_findings(site: OutputSite, page: Page) -> Iterator[str]:
    soup = page.soup
    for tag in soup.find_all(True):
        for attribute in tag.attrs:
            if attribute.lower().startswith("on"):
                yield f"{_describe(tag, attribute)} runs script from an event handler"
        for attribute, url in _urls(tag):
            scheme = url_scheme(url)
            if scheme in UNSAFE_SCHEMES:
                yield f"{_describe(tag, attribute)} uses a {scheme}: URL"
        style = tag.get("style")
        if isinstance(style, str):
            for url in css_urls(style):
                if site.is_external(url):
                    yield f"{_describe(tag, 'style')} loads {url} from another host"
            if not is_editor_url(page.url):
                yield f"{_describe(tag, 'style')} is blocked by the page's policy"
    for base in soup.find_all("base"):
        yield f"{_describe(base, 'href')} changes where every link on the page leads"
    for meta in soup.find_all("meta", attrs={"http-equiv": True}):
        if str(meta["http-equiv"]).strip().lower() == "refresh":
            if _is_own_redirect(site, page, str(meta.get("content", ""))):
                continue
            yield (
                f"{_describe(meta, 'content')} sends visitors elsewhere; "
                "use a server redirect"
            )
    for form in soup.find_all("form"):
        host = _form_target(form, site)
        if host and host not in site.form_hosts:
            yield (
                f"{_describe(form, 'action')} sends what visitors type to {host}, "
                "which is not among the allowed form targets"
            )
    for control in soup.find_all(attrs={"formaction": True}):
        if site.is_external(str(control["formaction"])):
            host = urlsplit(str(control["formaction"]).strip()).netloc.lower()
            if host not in site.form_hosts:
                yield f"{_describe(control, 'formaction')} sends a form to {host}"
    for style in soup.find_all("style"):
        for url in css_urls(style.get_text()):
            if site.is_external(url):
                yield f"<style> loads {url} from another host"
        if not is_editor_url(page.url):
            yield "<style> is blocked by the page's policy; use the site's stylesheet"
    for script in soup.find_all("script"):
        if not _is_script(script):
            continue
        src = script.get("src")
        if src is None:
            if script.get_text().strip():
                yield (
                    "<script> has inline code, which a Content-Security-Policy "
                    "blocks; move it into a file under theme/"
                )
        elif site.is_external(str(src)) or url_scheme(str(src)):
            yield f"{_describe(script, 'src')} runs a script from outside the site"
    for tag in soup.find_all(EMBEDDING):
        yield f"<{tag.name}> embeds another document into the page"


def check_unsafe_markup(site: OutputSite) -> list[Finding]:
    """No event handlers, script URLs, frames, foreign forms, styles or scripts.

    The rules, each reported with the page and the element: ``on*``
    attributes; URLs with a ``javascript:``, ``vbscript:`` or ``data:`` scheme
    (as a browser reads them: entities decoded, controls and spaces ignored);
    ``<base>``; ``<meta http-equiv=refresh>``; forms posting to another host
    than the site and ``site.form_hosts``; styles loading from other hosts;
    ``<script>`` with inline code or from outside the site; frames, objects
    and embeds.
    """
    return [
        Finding("unsafe-markup", page.url, message)
        for page in site.pages.values()
        for message in dict.fromkeys(_page_findings(site, page))
    ]


def parse_policy(text: str) -> dict[str, list[str]]:
    """A policy's directives and their sources (names lower-case; first wins)."""
    policy: dict[str, list[str]] = {}
    for part in text.split(";"):
        tokens = part.split()
        if tokens:
            policy.setdefault(tokens[0].lower(), tokens[1:])
    return policy


def _source_host(source: str) -> str:
    """The host a CSP source expression names (``https://x.org/a`` → ``x.org``)."""
    if "://" in source:
        return urlsplit(source).netloc.lower()
    return source.split("/", 1)[0].lower()


def _policy_findings(site: OutputSite, page: Page) -> Iterator[str]:
    metas = [
        meta
        for meta in page.soup.find_all("meta", attrs={"http-equiv": True})
        if str(meta["http-equiv"]).strip().lower() == "content-security-policy"
    ]
    element = '<meta http-equiv="Content-Security-Policy">'
    if len(metas) != 1:
        yield (
            f"has {len(metas)} {element} elements; exactly one is needed"
            if metas
            else f"has no {element}; every page needs one"
        )
        return
    meta = metas[0]
    if meta.find_parent("head") is None:
        yield f"its {element} is outside <head>, where browsers ignore it"
    policy = parse_policy(str(meta.get("content", "")))
    search = site.kind(page.url).endswith(":search")
    for directive, wanted in CSP_REQUIRED.items():
        if search and directive == "script-src":
            # The search page runs its index as WebAssembly, which browsers
            # compile only with this keyword; no script text is ever eval'd.
            wanted = SEARCH_SCRIPT_SRC
        sources = policy.get(directive)
        if sources is None:
            yield f"its {element} has no {directive}; add {directive} {wanted}"
        elif sources != wanted.split():
            found = " ".join(sources) or "nothing"
            yield (
                f"its {element} has {directive} {found}; "
                f"it must be exactly {directive} {wanted}"
            )
    yield from _form_action_findings(site, page, policy, element)


def _form_action_findings(
    site: OutputSite, page: Page, policy: dict[str, list[str]], element: str
) -> Iterator[str]:
    sources = policy.get("form-action")
    forms = page.soup.find_all("form")
    targets = {_form_target(form, site) for form in forms}
    if sources is None:
        yield f"its {element} has no form-action; add form-action 'self'"
        return
    if sources == ["'none'"] and not forms:
        return
    allowed = {"" if s == "'self'" else _source_host(s) for s in sources}
    for source in sources:
        host = _source_host(source)
        if not source.startswith("'") and host not in targets | site.form_hosts:
            yield (
                f"its {element} allows forms to post to {source}, but no form "
                "on the page posts there; remove it from form-action"
            )
    for form in forms:
        host = _form_target(form, site)
        if host not in allowed:
            where = host or "the site itself"
            yield (
                f"{_describe(form, 'action')} posts to {where}, which the page's "
                "form-action does not allow"
            )


def check_content_security_policy(site: OutputSite) -> list[Finding]:
    """Every page has one CSP ``<meta>`` with the site's policy.

    Required: ``default-src``, ``script-src`` and ``style-src`` exactly
    ``'self'`` (so no ``'unsafe-inline'`` or ``'unsafe-eval'``), ``base-uri``
    and ``object-src`` ``'none'``, and a ``form-action`` that lists
    ``'self'`` and the hosts the page's forms post to, and nothing else.
    """
    return [
        Finding("csp", page.url, message)
        for page in site.pages.values()
        if not is_editor_url(page.url)  # /admin/: see policy.check_editor_pages
        for message in dict.fromkeys(_policy_findings(site, page))
    ]
