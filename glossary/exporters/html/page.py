"""The web page around the data: its HTML shell, style, script and Content-Security-Policy.

The script and style are package files (``search.js``, ``app.js``, ``style.css``), put
inline so that one file is the whole page. The policy allows exactly those two by their
SHA-256 hashes: an inline script or style that is not the page's own, such as one a term's
text could smuggle in, is refused by the browser even if some day it reached the page.
The page loads nothing else and connects nowhere (``default-src 'none'``); a folder's page
may load its own data scripts, which its script adds (``'strict-dynamic'``).
"""

from __future__ import annotations

import base64
import hashlib
import html
from functools import cache
from importlib import resources

from glossary import tones

#: The package files of the page's script, in the order they are inlined: each file uses
#: those before it.
SCRIPTS = ("pinyin.js", "english.js", "search.js", "app.js")
STYLE = "style.css"


@cache
def asset(name: str) -> str:
    """Give the text of one of the page's package files."""
    return resources.files(__package__ or __name__).joinpath(name).read_text(encoding="utf-8")


def script() -> str:
    """Give the page's script: pinyin, English, the search, then the page that uses them."""
    return "\n".join(asset(name) for name in SCRIPTS)


def style() -> str:
    """Give the page's style sheet, with a rule set for each tone palette."""
    palettes = "\n".join(
        tones.css(name, f'[data-tones="{name}"] .tone{{n}}') for name in tones.SCHEMES
    )
    return f"{asset(STYLE)}\n{palettes}\n"


def digest(text: str) -> str:
    """Give the CSP source that allows an inline element holding exactly ``text``.

    >>> digest("")
    "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
    """
    raw = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(raw).decode('ascii')}'"


def policy(script_text: str, style_text: str, loads_data: bool) -> str:
    """Give the page's Content-Security-Policy: its own script and style, nothing else."""
    scripts = digest(script_text) + (" 'strict-dynamic'" if loads_data else "")
    return (
        f"default-src 'none'; script-src {scripts}; style-src {digest(style_text)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def document(title: str, count: int, tone_colors: str, data_element: str) -> str:
    """Give the whole page: the shell, its style and script inline, and ``data_element``
    (the data itself, or for the folder layout how many data files to load)."""
    script_text = script()
    style_text = style()
    shown = html.escape(title)
    loads_data = 'id="glossary-parts"' in data_element
    csp = html.escape(policy(script_text, style_text, loads_data), quote=True)
    tones_attr = html.escape(tone_colors, quote=True)
    terms = f"{count:,} term" + ("" if count == 1 else "s")
    return _SHELL.format(
        csp=csp,
        title=shown,
        tones=tones_attr,
        count=terms,
        style=style_text,
        data=data_element,
        script=script_text,
    )


_SHELL = """\
<!DOCTYPE html>
<html lang="en" data-tones="{tones}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="glossary">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>{title}</title>
<style>{style}</style>
</head>
<body>
<a class="skip" href="#results">Skip to the entries</a>
<header>
<h1 id="title">{title}</h1>
<form id="search" role="search" autocomplete="off">
<label for="q">Search</label>
<input id="q" name="q" type="search" spellcheck="false" autocapitalize="off"
 aria-describedby="status" aria-controls="results" aria-keyshortcuts="/"
 placeholder="hanzi, pinyin or English (press / to search)">
</form>
<div id="settings">
<label for="tones">Tone colours
<select id="tones">
<option value="pleco">Pleco</option>
<option value="mdbg">MDBG</option>
<option value="none">None</option>
</select></label>
<label><input id="ruby" type="checkbox"> Pinyin over the hanzi</label>
<details id="help"><summary>How to search</summary>
<ul>
<li>Hanzi, simplified or traditional: <kbd>三股</kbd>, <kbd>勢力</kbd></li>
<li>Pinyin with tone marks, tone numbers or none, or the initials:
 <kbd>sān gǔ</kbd>, <kbd>san1gu3</kbd>, <kbd>sangu</kbd>, <kbd>sgsl</kbd></li>
<li>English words, small typos forgiven: <kbd>three evl</kbd>;
 in quotes, words that stand together: <kbd>"evil forces"</kbd></li>
<li>A tag: <kbd>tag:sco</kbd>; a field only: <kbd>zh:</kbd>, <kbd>py:</kbd>, <kbd>en:</kbd>;
 a pattern: <kbd>中俄*</kbd></li>
</ul></details>
</div>
</header>
<main>
<p id="status" role="status" aria-live="polite">{count}</p>
<noscript><p>This page needs JavaScript to show its entries.</p></noscript>
<div id="results"></div>
<button id="more" type="button" hidden>Show more</button>
</main>
{data}<script>{script}</script>
</body>
</html>
"""
