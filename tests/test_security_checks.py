"""Static checks for script, frames, foreign forms and the Content-Security-Policy."""

from __future__ import annotations

import pytest
from test_quality_checks import SITE_URL, html, make_site, messages

from sitecheck.checks import STATIC_CHECKS, main
from sitecheck.security import (
    check_content_security_policy,
    check_unsafe_markup,
    parse_policy,
)
from sitecheck.site import OutputSite

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "base-uri 'none'; object-src 'none'; form-action 'self'"
)


def csp(policy: str = POLICY) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def unsafe(tmp_path, body: str = "", head: str = "", form_hosts=()) -> list[str]:
    make_site(tmp_path, {"de/index.html": html(body, head=head)})
    found = check_unsafe_markup(OutputSite(tmp_path, SITE_URL, form_hosts=form_hosts))
    return [finding.message for finding in found]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('<img src="/a.png" alt="" onerror="alert(1)">', '<img onerror="alert(1)">'),
        ("<p ONMOUSEOVER=alert(1)>x</p>", '<p onmouseover="alert(1)"> runs script'),
        ('<a href="javascript:alert(1)">x</a>', "uses a javascript: URL"),
        ('<a href="&#1;java&#x09;script:alert(1)">x</a>', "uses a javascript: URL"),
        ('<a href=" JaVaScRiPt&colon;alert(1)">x</a>', "uses a javascript: URL"),
        ('<a href="vbscript:msgbox">x</a>', "uses a vbscript: URL"),
        ('<img src="data:image/png;base64,AA" alt="">', "uses a data: URL"),
        ('<img srcset="data:image/png;base64,AA 2x" alt="">', '<img srcset="data:'),
        ('<video poster="javascript:x"></video>', '<video poster="javascript:x">'),
        ('<form action="javascript:x"></form>', '<form action="javascript:x">'),
        (
            '<svg><a xlink:href="javascript:x"><text>t</text></a></svg>',
            '<a xlink:href="javascript:x"> uses a javascript: URL',
        ),
        ('<base href="https://evil.example/">', "<base href="),
        (
            '<meta http-equiv="Refresh" content="0;url=https://evil.example">',
            "sends visitors elsewhere",
        ),
        (
            '<form action="https://evil.example/collect" method="post"></form>',
            "sends what visitors type to evil.example",
        ),
        (
            '<button formaction="https://evil.example/x">x</button>',
            "sends a form to evil.example",
        ),
        (
            '<p style="background:url(https://evil.example/x)">x</p>',
            "loads https://evil.example/x from another host",
        ),
        (
            "<style>body{background:url(https://evil.example/x)}</style>",
            "<style> loads https://evil.example/x from another host",
        ),
        ("<script>alert(1)</script>", "<script> has inline code"),
        ('<script type="module">import "/x.js"</script>', "<script> has inline code"),
        (
            '<script src="https://cdn.example.net/x.js"></script>',
            '<script src="https://cdn.example.net/x.js"> runs a script from outside',
        ),
        ('<script src="data:text/javascript,1"></script>', "from outside the site"),
        ('<iframe src="/de/"></iframe>', "<iframe> embeds another document"),
        ('<object data="/x.pdf"></object>', "<object> embeds another document"),
        ('<embed src="/x.swf">', "<embed> embeds another document"),
    ],
)
def test_each_rule_names_the_element(tmp_path, body, message):
    found = unsafe(tmp_path, body)
    assert any(message in line for line in found), found


def test_what_the_site_itself_does_passes(tmp_path):
    found = unsafe(
        tmp_path,
        '<a href="/de/x/">x</a><a href="https://example.org/de/">own</a>'
        '<a href="https://elsewhere.example/">other site</a>'
        '<a href="mailto:a@example.org">m</a><img src="/a.png" alt="">'
        '<form action="/de/suche/"><input name="q" aria-label="q"></form>'
        '<form action="https://example.org/de/suche/"></form>'
        '<script type="application/ld+json">{"@type": "Event"}</script>'
        '<svg><use href="#icon"/></svg>',
        head='<script src="/theme/x.js" defer></script>',
    )
    assert found == []


def test_inline_styles_are_what_the_policy_blocks(tmp_path):
    found = unsafe(
        tmp_path,
        '<p style="color:red">x</p>',
        head="<style>body{background:url(/theme/bg.png)}</style>",
    )
    assert len(found) == 2 and all("blocked by the page's policy" in f for f in found)


def test_allowed_form_hosts_pass(tmp_path):
    body = '<form action="https://news.example.org/subscribe" method="post"></form>'
    assert unsafe(tmp_path, body, form_hosts=["news.example.org"]) == []


def test_findings_name_the_page(tmp_path):
    site = make_site(
        tmp_path,
        {
            "de/a/index.html": html("<p onclick=x>a</p>"),
            "de/b/index.html": html("<p>b</p>"),
        },
    )
    assert messages(check_unsafe_markup(site)) == [
        '/de/a/: <p onclick="x"> runs script from an event handler'
    ]


# --- Content-Security-Policy --------------------------------------------------


def policy_findings(tmp_path, head: str, body: str = "<p>x</p>") -> list[str]:
    site = make_site(tmp_path, {"de/index.html": html(body, head=head)})
    return [finding.message for finding in check_content_security_policy(site)]


def test_the_site_policy_passes(tmp_path):
    assert policy_findings(tmp_path, csp()) == []


def test_a_page_without_a_policy_is_reported(tmp_path):
    assert policy_findings(tmp_path, "") == [
        'has no <meta http-equiv="Content-Security-Policy">; every page needs one'
    ]


def test_two_policies_are_reported(tmp_path):
    assert policy_findings(tmp_path, csp() + csp()) == [
        'has 2 <meta http-equiv="Content-Security-Policy"> elements; '
        "exactly one is needed"
    ]


def test_a_policy_outside_head_is_reported(tmp_path):
    found = policy_findings(tmp_path, "", body=csp())
    assert found == [
        'its <meta http-equiv="Content-Security-Policy"> is outside <head>, '
        "where browsers ignore it"
    ]


@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        (
            POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
            "has script-src 'self' 'unsafe-inline'; it must be exactly "
            "script-src 'self'",
        ),
        (
            POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"),
            "has script-src 'self' 'unsafe-eval'",
        ),
        (POLICY.replace("default-src 'self'", "default-src *"), "default-src *"),
        (POLICY.replace("style-src 'self'; ", ""), "has no style-src"),
        (POLICY.replace("base-uri 'none'", "base-uri 'self'"), "base-uri 'self'"),
        (POLICY.replace("object-src 'none'; ", ""), "has no object-src"),
        (POLICY.replace("; form-action 'self'", ""), "has no form-action"),
        (
            POLICY + " https://news.example.org",
            "allows forms to post to https://news.example.org, but no form",
        ),
    ],
)
def test_weak_policies_are_reported(tmp_path, policy, expected):
    found = policy_findings(tmp_path, csp(policy))
    assert len(found) == 1 and expected in found[0], found


def test_form_action_must_match_the_forms_on_the_page(tmp_path):
    form = '<form action="https://news.example.org/subscribe" method="post"></form>'
    listed = POLICY + " https://news.example.org"
    assert policy_findings(tmp_path / "a", csp(listed), form) == []
    found = policy_findings(tmp_path / "b", csp(), form)
    assert found == [
        '<form action="https://news.example.org/subscribe"> posts to '
        "news.example.org, which the page's form-action does not allow"
    ]
    none = POLICY.replace("form-action 'self'", "form-action 'none'")
    assert policy_findings(tmp_path / "c", csp(none)) == []
    found = policy_findings(tmp_path / "d", csp(none), '<form action="/x"></form>')
    assert found == [
        '<form action="/x"> posts to the site itself, which the page\'s '
        "form-action does not allow"
    ]


def test_parse_policy_keeps_the_first_of_a_directive():
    assert parse_policy("Script-Src 'self'; script-src *;; img-src a b") == {
        "script-src": ["'self'"],
        "img-src": ["a", "b"],
    }


def test_both_checks_run_with_the_others(tmp_path, capsys):
    assert check_unsafe_markup in STATIC_CHECKS
    assert check_content_security_policy in STATIC_CHECKS
    make_site(
        tmp_path,
        {
            "de/index.html": html(
                '<p>Text</p><form action="https://news.example.org/s"></form>',
                head=csp(POLICY + " https://news.example.org"),
            )
        },
    )
    args = [str(tmp_path), "--site-url", "https://example.org", "--no-validator"]
    assert main(args) == 1
    assert "sends what visitors type to news.example.org" in capsys.readouterr().out
    assert main([*args, "--form-host", "news.example.org"]) == 0
