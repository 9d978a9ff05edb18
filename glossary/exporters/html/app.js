// The exported page: reads the glossary's data, shows its entries and searches as you type.
// Every piece of the glossary's text reaches the page as textContent or an attribute set
// from script, never as HTML, so no term can add markup or script to the page.

(function () {
  "use strict";

  // Entries drawn at a time; "Show more" draws the next ones. A list of up to two pages is
  // drawn whole (a small glossary needs no button); a keystroke draws at most that many.
  const PAGE = 50;
  const LABELS = [["l", "Literally"], ["d", "Definition"], ["c", "Context"]];
  const SETTINGS_KEY = "glossary-settings";

  const box = document.getElementById("q");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const more = document.getElementById("more");
  const tonesChoice = document.getElementById("tones");
  const rubyChoice = document.getElementById("ruby");

  let data = null;
  let index = null;
  let byAnchor = new Map();
  // What the list shows: the matches of the query (or every entry), and how many are drawn.
  let shown = [];
  let drawn = 0;

  // --- Building elements (text only) ------------------------------------------------------

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = text;
    }
    return node;
  }

  // A link only to the web: the export keeps http and https links alone, and this checks again.
  function webLink(url, text) {
    let parsed = null;
    try {
      parsed = new URL(url);
    } catch (error) {
      parsed = null;
    }
    if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
      return element("span", "url", text || url);
    }
    const link = element("a", "url", text || url);
    link.href = parsed.href;
    link.rel = "noopener noreferrer";
    return link;
  }

  function anchorLink(anchor, text, className, lang) {
    const link = element("a", className, text);
    link.href = "#" + encodeURIComponent(anchor);
    if (lang) {
      link.lang = lang;
    }
    return link;
  }

  // Each hanzi with the tone of its syllable, where the reading has one syllable a hanzi
  // (as glossary.tones.hanzi_tones gives them): [character, tone, syllable] triples.
  function hanziSyllables(entry) {
    const syllables = (entry.p || []).filter(function (piece) { return piece[1] > 0; });
    const chars = Array.from(entry.z);
    const count = chars.filter(function (c) { return GlossaryPinyin.hasHanzi(c); }).length;
    if (count !== syllables.length) {
      return chars.map(function (c) { return [c, 0, ""]; });
    }
    let next = 0;
    return chars.map(function (c) {
      if (!GlossaryPinyin.hasHanzi(c)) {
        return [c, 0, ""];
      }
      const piece = syllables[next++];
      return [c, piece[1], piece[0]];
    });
  }

  // The headword, a ruby element for each hanzi (so that a long one can wrap on a phone).
  function headword(entry) {
    const link = anchorLink(entry.n, null, "hw", "zh-Hans");
    for (const [char, tone, syllable] of hanziSyllables(entry)) {
      const base = tone ? element("span", "tone" + tone, char) : document.createTextNode(char);
      if (syllable) {
        const ruby = element("ruby");
        ruby.appendChild(base);
        ruby.appendChild(element("rt", "tone" + tone, syllable));
        link.appendChild(ruby);
      } else {
        link.appendChild(base);
      }
    }
    return link;
  }

  function pinyinLine(entry) {
    const line = element("p", "pinyin");
    line.lang = "zh-Latn-pinyin";
    for (const [text, tone] of entry.p || []) {
      line.appendChild(tone ? element("span", "tone" + tone, text) : document.createTextNode(text));
    }
    return line;
  }

  function note(list, label, content, lang) {
    list.appendChild(element("dt", null, label));
    const value = typeof content === "string" ? element("dd", null, content) : content;
    if (lang) {
      value.lang = lang;
    }
    list.appendChild(value);
  }

  function entryElement(entry) {
    const article = element("article", "entry");
    article.id = entry.n;
    const head = element("h2", "head");
    head.appendChild(headword(entry));
    if (entry.t && entry.t !== entry.z) {
      const traditional = element("span", "trad", entry.t);
      traditional.lang = "zh-Hant";
      head.appendChild(traditional);
    }
    article.appendChild(head);
    if (entry.p) {
      article.appendChild(pinyinLine(entry));
    }
    const renderings = element("ol", "en");
    renderings.lang = "en";
    (entry.e || []).forEach(function (text, i) {
      renderings.appendChild(element("li", i === 0 ? "preferred" : null, text));
    });
    article.appendChild(renderings);
    if (entry.a) {
      const avoid = element("p", "avoid");
      avoid.appendChild(element("span", "label", "Avoid: "));
      entry.a.forEach(function (text, i) {
        if (i) {
          avoid.appendChild(document.createTextNode("; "));
        }
        const struck = element("s", null, text);
        struck.lang = "en";
        avoid.appendChild(struck);
      });
      article.appendChild(avoid);
    }
    const notes = element("dl", "notes");
    for (const [key, label] of LABELS) {
      if (entry[key]) {
        note(notes, label, entry[key], "en");
      }
    }
    if (entry.s || entry.u) {
      const source = element("dd");
      if (entry.s) {
        source.appendChild(document.createTextNode(entry.s));
      }
      if (entry.u) {
        if (entry.s) {
          source.appendChild(document.createTextNode(" "));
        }
        source.appendChild(webLink(entry.u, entry.u));
      }
      note(notes, "Source", source);
    }
    if (entry.r) {
      const see = element("dd", "see");
      entry.r.forEach(function (pair, i) {
        if (i) {
          see.appendChild(document.createTextNode(", "));
        }
        const [text, anchor] = pair;
        see.appendChild(anchor ? anchorLink(anchor, text, null, "zh-Hans") : element("span", null, text));
      });
      note(notes, "See", see);
    }
    if (entry.i) {
      note(notes, "Id", entry.i);
    }
    if (notes.childNodes.length) {
      article.appendChild(notes);
    }
    if (entry.g) {
      const tags = element("p", "tags");
      for (const tag of entry.g) {
        const button = element("button", "tag", tag);
        button.type = "button";
        button.dataset.tag = tag;
        button.title = "Show the terms tagged " + tag;
        tags.appendChild(button);
      }
      article.appendChild(tags);
    }
    return article;
  }

  // --- The list ---------------------------------------------------------------------------

  function drawMore(upTo) {
    const end = Math.min(shown.length, upTo);
    const fragment = document.createDocumentFragment();
    for (; drawn < end; drawn++) {
      fragment.appendChild(entryElement(shown[drawn]));
    }
    results.appendChild(fragment);
    const left = shown.length - drawn;
    more.hidden = left <= 0;
    more.textContent = "Show " + Math.min(left, PAGE).toLocaleString("en") + " more (" + left.toLocaleString("en") + " left)";
  }

  function show(entries, message) {
    shown = entries;
    drawn = 0;
    results.textContent = "";
    status.textContent = message;
    drawMore(entries.length <= 2 * PAGE ? entries.length : PAGE);
  }

  function count(n, what) {
    return n.toLocaleString("en") + " " + what + (n === 1 ? "" : "s");
  }

  function runSearch() {
    if (!index) {
      return;
    }
    const typed = box.value;
    if (!typed.trim()) {
      show(index.entries, count(index.entries.length, "term"));
      return;
    }
    let matches;
    try {
      matches = GlossarySearch.search(index, typed);
    } catch (error) {
      show([], error.message);
      return;
    }
    const found = matches.map(function (m) { return m.entry; });
    show(found, found.length ? count(found.length, "term") + " found" : "Nothing found for \u201c" + typed.trim() + "\u201d");
  }

  // An anchor in the address (#三股势力): scroll to its entry, drawn alone if the list
  // does not hold it.
  function followAnchor() {
    if (!index || location.hash.length < 2) {
      return;
    }
    let anchor;
    try {
      anchor = decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return;
    }
    const entry = byAnchor.get(anchor);
    if (!entry) {
      return;
    }
    let target = document.getElementById(anchor);
    if (!target) {
      box.value = "";
      show([entry], "1 linked term; clear the search to see them all");
      target = document.getElementById(anchor);
    }
    // :target marks only an entry that was on the page before the address changed.
    document.querySelectorAll(".linked").forEach(function (e) { e.classList.remove("linked"); });
    target.classList.add("linked");
    target.scrollIntoView();
  }

  // --- Settings ---------------------------------------------------------------------------

  function saved() {
    try {
      return JSON.parse(localStorage.getItem(SETTINGS_KEY) || "{}") || {};
    } catch (error) {
      return {};
    }
  }

  function save() {
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify({ tones: tonesChoice.value, ruby: rubyChoice.checked }));
    } catch (error) {
      // A browser that keeps nothing for local files: the settings last as long as the page.
    }
  }

  function applySettings() {
    document.documentElement.dataset.tones = tonesChoice.value;
    document.documentElement.classList.toggle("ruby", rubyChoice.checked);
  }

  function setUpSettings() {
    const chosen = saved();
    const tones = chosen.tones || data.tones || "none";
    tonesChoice.value = Array.from(tonesChoice.options).some(function (o) { return o.value === tones; }) ? tones : "none";
    rubyChoice.checked = typeof chosen.ruby === "boolean" ? chosen.ruby : Boolean(data.ruby);
    applySettings();
    tonesChoice.addEventListener("change", function () { applySettings(); save(); });
    rubyChoice.addEventListener("change", function () { applySettings(); save(); });
  }

  // --- Start ------------------------------------------------------------------------------

  function start(loaded) {
    if (loaded.v !== 1) {
      status.textContent = "This page's data is of another version than its script.";
      return;
    }
    data = loaded;
    index = GlossarySearch.prepare(data);
    byAnchor = new Map(index.entries.map(function (entry) { return [entry.n, entry]; }));
    setUpSettings();
    runSearch();
    followAnchor();
    performance.mark("glossary-ready");
    document.documentElement.dataset.ready = "true";
  }

  function listen() {
    box.addEventListener("input", runSearch);
    document.getElementById("search").addEventListener("submit", function (event) { event.preventDefault(); });
    more.addEventListener("click", function () { drawMore(drawn + PAGE); });
    results.addEventListener("click", function (event) {
      const tag = event.target.closest("button.tag");
      if (tag) {
        box.value = "tag:" + tag.dataset.tag;
        runSearch();
        box.focus();
      }
    });
    document.addEventListener("keydown", function (event) {
      const typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        box.focus();
        box.select();
      } else if (event.key === "Escape" && document.activeElement === box && box.value) {
        box.value = "";
        runSearch();
      }
    });
    window.addEventListener("hashchange", followAnchor);
    // A printed page holds the whole list, not only the part drawn on screen.
    window.addEventListener("beforeprint", function () { drawMore(shown.length); });
  }

  // The folder layout: data-0.js, data-1.js ... each hand their part to glossaryPart. All
  // are asked for at once, and the page starts when the last has come, in whatever order.
  function loadParts(count) {
    const parts = [];
    let head = null;
    let arrived = 0;
    window.glossaryPart = function (part) {
      if (part.head) {
        head = part.head;
      }
      parts[part.part] = part.entries;
      arrived += 1;
      status.textContent = "Loading the glossary (" + arrived + " of " + count + ")\u2026";
      if (arrived === count) {
        head.entries = [].concat.apply([], parts);
        start(head);
      }
    };
    for (let number = 0; number < count; number++) {
      const script = document.createElement("script");
      script.src = "data-" + number + ".js";
      script.onerror = function () {
        status.textContent = "Could not read " + script.src + ": keep the page's folder together.";
      };
      document.body.appendChild(script);
    }
  }

  listen();
  const inline = document.getElementById("glossary-data");
  if (inline) {
    start(JSON.parse(inline.textContent));
  } else {
    loadParts(JSON.parse(document.getElementById("glossary-parts").textContent).parts);
  }
})();
