"""Stored WordPress text → Markdown; what has no Markdown form is listed."""

from __future__ import annotations

import pytest

from sitecore.markup import render_markdown
from wordpress.convert import ELEMENTOR_NOTE, convert_html
from wordpress.leftovers import Kind, Leftover
from wordpress.links import LinkIndex, Target
from wordpress.pictures import PictureFinder, Uploads
from wordpress.prepare import autop, strip_blocks, strip_shortcodes
from wordpress.wxr import Item

HOSTS = frozenset({"the-bay-areas.de", "www.the-bay-areas.de"})
UPLOADS = "https://www.the-bay-areas.de/wp-content/uploads"


def attachment(post_id: int, file: str, alt: str = "") -> Item:
    meta = [("_wp_attached_file", file)]
    if alt:
        meta.append(("_wp_attachment_image_alt", alt))
    return Item(
        post_id=post_id,
        post_type="attachment",
        status="inherit",
        title=file,
        link="",
        guid="",
        post_name="",
        post_date="",
        post_date_gmt="",
        creator="",
        content="",
        excerpt="",
        attachment_url=f"{UPLOADS}/{file}",
        meta=tuple(meta),
    )


@pytest.fixture
def finder():
    uploads = Uploads(
        [
            "2017/02/signing.jpg",
            "2017/02/signing-300x200.jpg",
            "2017/02/handshake-300x200.jpg",
            "2017/02/handshake-1024x683.jpg",
        ]
    )
    attachments = {
        30: attachment(30, "2017/02/signing.jpg", "Unterzeichnung"),
        31: attachment(31, "2017/02/handshake.jpg"),
    }
    return PictureFinder(uploads, attachments, HOSTS)


def english(leftovers: list[Leftover]) -> list[Leftover]:
    """The leftovers with their details as the English report shows them."""
    return [Leftover(left.kind, str(left.detail)) for left in leftovers]


def kinds(result) -> list[Kind]:
    return [leftover.kind for leftover in result.leftovers]


# Paragraphs, blocks and shortcodes -----------------------------------------


def test_autop_makes_paragraphs_and_line_breaks_like_wordpress():
    html = autop("Eins\nzwei\n\n<h2>Titel</h2>\nDrei\n<pre>a\n\nb</pre>\nVier")
    assert html == (
        "<p>Eins<br />\nzwei</p>\n\n<h2>Titel</h2>\n\n<p>Drei</p>\n\n"
        "<pre>a\n\nb</pre>\n\n<p>Vier</p>"
    )


def test_blocks_keep_their_html_except_dynamic_ones():
    html = (
        "<!-- wp:paragraph -->\n<p>Text</p>\n<!-- /wp:paragraph -->\n"
        '<!-- wp:embed {"url":"https://www.youtube.com/watch?v=x"} -->\n'
        '<figure class="wp-block-embed"><div>https://www.youtube.com/watch?v=x</div>'
        "</figure>\n<!-- /wp:embed -->\n"
        '<!-- wp:block {"ref":43} /-->\n'
        '<!-- wp:core-embed/vimeo {"url":"https://vimeo.com/1"} -->x'
        "<!-- /wp:core-embed/vimeo -->\n"
        "<!-- wp:columns --><div><!-- wp:column --><p>Spalte</p>"
        "<!-- /wp:column --></div><!-- /wp:columns -->\n"
        "<!-- wp:jetpack/slideshow --><p>Bilder</p><!-- /wp:jetpack/slideshow -->"
    )
    text, leftovers = strip_blocks(html)
    assert "wp:" not in text and "youtube" not in text and "vimeo" not in text
    assert "<p>Text</p>" in text and "<p>Spalte</p>" in text and "<p>Bilder</p>" in text
    assert english(leftovers) == [
        Leftover(Kind.EMBED, "wp:embed: https://www.youtube.com/watch?v=x"),
        Leftover(Kind.BLOCK, "wp:block (reusable block 43)"),
        Leftover(Kind.EMBED, "wp:core-embed/vimeo: https://vimeo.com/1"),
        Leftover(Kind.PLUGIN_BLOCK, "wp:jetpack/slideshow"),
    ]


def test_shortcodes_are_removed_and_captions_become_figures():
    text, leftovers = strip_shortcodes(
        '[gallery ids="1,2"] Preis [sic] und [[gallery]] '
        '[caption id="attachment_5" width="300"]<img src="a.jpg" alt="A"> '
        "Bildtext[/caption]"
        " [vc_row][vc_column]Spaltentext[/vc_column][/vc_row]"
        ' [embed]https://youtu.be/x[/embed] [contact-form-7 id="4"]'
    )
    assert "Preis [sic] und [gallery]" in text
    assert (
        '<figure><img src="a.jpg" alt="A"><figcaption>Bildtext</figcaption></figure>'
        in text
    )
    assert "Spaltentext" in text and "vc_" not in text and "youtu" not in text
    assert english(leftovers) == [
        Leftover(Kind.SHORTCODE, '[gallery ids="1,2"]'),
        Leftover(
            Kind.PAGE_BUILDER, "[vc_row]…[/vc_row] (layout removed, its text is kept)"
        ),
        Leftover(
            Kind.PAGE_BUILDER,
            "[vc_column]…[/vc_column] (layout removed, its text is kept)",
        ),
        Leftover(Kind.EMBED, "[embed]https://youtu.be/x[/embed]"),
        Leftover(Kind.FORM, '[contact-form-7 id="4"]'),
    ]


# Markdown ---------------------------------------------------------------------


def test_markdown_headings_lists_links_emphasis_tables_and_breaks(finder):
    html = (
        "<h2>Ziele</h2><h3>Im Detail</h3>"
        "<p>Mit <strong>fett</strong> und <em>schräg</em>"
        '<br>und <a href="https://example.org/a b">Link</a>.</p>'
        "<ol><li>eins</li><li>zwei<ul><li>zwei a</li></ul></li></ol>"
        "<table><tr><td>Stadt</td><td>Land</td></tr><tr><td>Kiel</td><td>DE</td></tr></table>"
        "<blockquote><p>Zitat</p></blockquote>"
    )
    markdown = convert_html(html, finder).markdown
    assert markdown == (
        "## Ziele\n\n### Im Detail\n\nMit **fett** und *schräg*  \n"
        "und [Link](https://example.org/a%20b).\n\n"
        "1. eins\n2. zwei\n   - zwei a\n\n"
        "<table>\n<tr><td>Stadt</td><td>Land</td></tr>\n"
        "<tr><td>Kiel</td><td>DE</td></tr>\n</table>\n\n> Zitat\n"
    )
    html_out = render_markdown(markdown, 1).html
    assert "<table>" in html_out and "<br>" in html_out and "<ol>" in html_out


def test_text_that_looks_like_markup_stays_text(finder):
    html = (
        "<p>1. FC Kiel</p><p># kein Titel</p><p>a &lt;b&gt; &amp;copy; [x](y) `z`</p>"
    )
    markdown = convert_html(html, finder).markdown
    rendered = render_markdown(markdown, 1)
    assert rendered.html == (
        "<p>1. FC Kiel</p>\n<p># kein Titel</p>\n"
        "<p>a &lt;b&gt; &amp;copy; [x](y) `z`</p>"
    )
    assert not rendered.problems


def test_embeds_scripts_and_forms_are_removed_and_listed(finder):
    html = (
        '<p>Text</p><iframe src="https://www.google.com/maps/embed"></iframe>'
        "<script>track()</script><noscript>Bitte JavaScript</noscript>"
        '<form action="/senden"><input name="mail"><button>Senden</button></form>'
        '<object data="film.swf"></object><embed src="film.swf">'
        '<video src="film.mp4"></video><style>p{}</style>'
    )
    result = convert_html(html, finder)
    assert result.markdown == "Text\n"
    assert kinds(result) == [
        Kind.EMBED,
        Kind.SCRIPT,
        Kind.SCRIPT,
        Kind.FORM,
        Kind.EMBED,
        Kind.EMBED,
        Kind.EMBED,
    ]
    assert result.leftovers[0].detail == "<iframe> https://www.google.com/maps/embed"
    assert result.leftovers[3].detail == "<form> /senden"


def test_elementor_keeps_text_widgets_only(finder):
    html = (
        '<div class="elementor elementor-22">'
        '<div class="elementor-widget elementor-widget-heading">'
        '<div class="elementor-widget-container"><h2>Mitglied werden</h2></div></div>'
        '<div class="elementor-widget elementor-widget-slides"><div>Folie 1</div></div>'
        "</div>"
    )
    result = convert_html(html, finder)
    assert result.markdown == "## Mitglied werden\n"
    assert english(result.leftovers) == [
        Leftover(Kind.PAGE_BUILDER, "Elementor widget 'slides'"),
        Leftover(Kind.PAGE_BUILDER, ELEMENTOR_NOTE),
    ]


def test_javascript_links_are_dropped_keeping_their_text(finder):
    result = convert_html('<p><a href="javascript:alert(1)">Klick</a></p>', finder)
    assert result.markdown == "Klick\n"
    assert kinds(result) == [Kind.UNSAFE_LINK]


# Pictures ---------------------------------------------------------------------


def test_pictures_take_the_original_and_keep_alt_text(finder):
    html = (
        f'<p><a href="{UPLOADS}/2017/02/signing.jpg"><img src="{UPLOADS}/2017/02/'
        'signing-300x200.jpg" alt="Vertrag" class="wp-image-30" srcset="x 2x"></a></p>'
    )
    result = convert_html(html, finder)
    assert result.markdown == "![Vertrag]({static}/images/2017/02/signing.jpg)\n"
    assert [(p.source, p.target) for p in result.pictures] == [
        ("2017/02/signing.jpg", "images/2017/02/signing.jpg")
    ]
    assert result.leftovers == []


def test_alt_text_comes_from_the_attachment_else_stays_empty_and_is_listed(finder):
    html = (
        f'<p><img src="{UPLOADS}/2017/02/signing-300x200.jpg" alt="" '
        'class="wp-image-30"></p>'
        f'<p><img src="{UPLOADS}/2017/02/handshake-300x200.jpg" alt=""></p>'
    )
    result = convert_html(html, finder)
    assert result.markdown == (
        "![Unterzeichnung]({static}/images/2017/02/signing.jpg)\n\n"
        "![]({static}/images/2017/02/handshake-1024x683.jpg)\n"
    )
    assert kinds(result) == [Kind.ALT_MISSING]
    assert "handshake-1024x683.jpg" in str(result.leftovers[0].detail)


@pytest.mark.parametrize(
    ("src", "problem"),
    [
        (f"{UPLOADS}/2018/03/logo.png", "is not there"),
        ("https://images.example.org/logo.png", "another website"),
        (f"{UPLOADS}/2018/03/plan.svg", "not a JPEG"),
        (f"{UPLOADS}/../../wp-config.php", "not in the old site's uploads"),
    ],
)
def test_unusable_pictures_leave_their_alt_text(finder, src, problem):
    result = convert_html(
        f'<p>Vorher <img src="{src}" alt="Das Logo"> nachher</p>', finder
    )
    assert result.markdown == "Vorher Das Logo nachher\n"
    assert kinds(result) == [Kind.PICTURE_MISSING]
    assert problem in str(result.leftovers[0].detail)
    assert result.pictures == []


def test_without_an_uploads_folder_every_picture_is_listed():
    finder = PictureFinder(None, {}, HOSTS)
    result = convert_html(f'<img src="{UPLOADS}/2017/02/signing.jpg" alt="A">', finder)
    assert result.markdown == "A\n"
    assert "no uploads folder given" in str(result.leftovers[0].detail)


# Links ------------------------------------------------------------------------


def test_links_to_imported_items_become_filename_links(finder):
    index = LinkIndex(HOSTS)
    index.add(
        Target("news/2017/diwish-tritt-bei.de.md"),
        10,
        ["https://www.the-bay-areas.de/2017/01/diwish-tritt-bei/"],
    )
    html = (
        '<p><a href="https://the-bay-areas.de/?p=10">a</a> '
        '<a href="/2017/01/diwish-tritt-bei/#x">b</a> '
        '<a href="https://www.the-bay-areas.de/kontakt/">c</a></p>'
    )
    result = convert_html(html, finder, index.rewrite)
    assert result.markdown == (
        "[a]({filename}/news/2017/diwish-tritt-bei.de.md) "
        "[b]({filename}/news/2017/diwish-tritt-bei.de.md#x) "
        "[c](https://www.the-bay-areas.de/kontakt/)\n"
    )
    assert kinds(result) == [Kind.OLD_LINK]


def test_unbalanced_block_comments_lose_no_text():
    text, leftovers = strip_blocks(
        "<!-- /wp:group --><p>Vorher</p>"
        "<!-- wp:group --><p>Innen</p>"
        '<!-- wp:embed {"url":"https://vimeo.com/2"} --><p>Rest'
    )
    assert text == "<p>Vorher</p><p>Innen</p>"
    assert english(leftovers) == [Leftover(Kind.EMBED, "wp:embed: https://vimeo.com/2")]


def test_headings_move_below_the_title_without_skipping_and_are_reported(finder):
    html = (
        "<h3>Programm</h3><p>a</p><h5>Abends</h5><p>b</p>"
        "<h3>Anfahrt</h3><p>c</p><h1>Kontakt</h1><p>d</p>"
    )
    converted = convert_html(html, finder)
    assert converted.markdown == (
        "## Programm\n\na\n\n### Abends\n\nb\n\n## Anfahrt\n\nc\n\n## Kontakt\n\nd\n"
    )
    assert render_markdown(converted.markdown, 1).problems == []
    (moved,) = [left for left in converted.leftovers if left.kind == Kind.HEADINGS]
    assert "(h3 → h2, h5 → h3, h1 → h2)" in str(moved.detail)


def test_headings_that_follow_the_rule_are_kept_without_a_report_line(finder):
    converted = convert_html("<h2>Ziele</h2><h3>Im Detail</h3><p>x</p>", finder)
    assert converted.markdown.startswith("## Ziele\n\n### Im Detail\n")
    assert not [left for left in converted.leftovers if left.kind == Kind.HEADINGS]
