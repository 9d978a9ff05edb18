// Search for the exported page: glossary/search.py's query reading and ranking, written again
// in plain JavaScript, on pinyin.js and english.js. The export worked out every key of an
// entry (see glossary/exporters/html/data.py), so the page only reads queries, matches and
// ranks. The scores are the command line's, band for band (docs/browser.md lists them side
// by side); where a function here has a Python twin, a comment names it.

const GlossarySearch = (function () {
  "use strict";

  const MAX_QUERY = 500;
  const QUOTES = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019"];
  const hasHanzi = GlossaryPinyin.hasHanzi;

  function codePoints(text) {
    return Array.from(text);
  }

  // --- Queries (search.parse_query) ------------------------------------------------------

  const FIELD_PREFIX = /^(zh|py|pinyin|en):\s*([\s\S]*)$/i;

  // Give the query read as hanzi, pinyin and English, or throw an Error saying why not.
  function parseQuery(typed, simplified) {
    if (codePoints(typed).length > MAX_QUERY) {
      throw new Error("the query is " + codePoints(typed).length + " characters long: search for " + MAX_QUERY + " or fewer");
    }
    // Control and invisible characters are dropped; NFKC folds full-width letters.
    let text = codePoints(typed)
      .filter(function (c) { return /\s/u.test(c) || !/[\p{Cc}\p{Cf}]/u.test(c); })
      .map(function (c) { return /\s/u.test(c) ? " " : c; })
      .join("")
      .normalize("NFKC")
      .trim();
    const tokens = text.split(/\s+/).filter(Boolean);
    const isTag = function (t) { return t.slice(0, 4).toLowerCase() === "tag:"; };
    const tags = tokens.filter(function (t) { return isTag(t) && t.length > 4; }).map(function (t) { return t.slice(4); });
    let rest = tokens.filter(function (t) { return !isTag(t); }).join(" ");
    let field = null;
    const prefixed = FIELD_PREFIX.exec(rest);
    if (prefixed) {
      const name = prefixed[1].toLowerCase();
      field = name === "zh" || name === "en" ? name : "pinyin";
      rest = prefixed[2].trim();
    }
    const phrase = rest.length > 1 && QUOTES.includes(rest[0]) && QUOTES.includes(rest[rest.length - 1]);
    if (phrase) {
      rest = rest.slice(1, -1).trim();
    }
    const query = readings(rest, field, phrase, tags, simplified);
    if (!(query.hanzi.length || query.reading || query.words.length || query.pattern || tags.length)) {
      throw new Error(text ? "nothing to search for in \u201c" + text + "\u201d" : "the query is empty");
    }
    return query;
  }

  // search._readings: the query read every way its field prefix allows.
  function readings(rest, field, phrase, tags, simplified) {
    const query = { text: rest, hanzi: [], reading: null, words: [], phrase: phrase, field: field, tags: tags, pattern: null };
    if (rest.includes("*") && field !== "en" && rest.replace(/[* ]/g, "")) {
      const glob = pattern(rest);
      query.pattern = glob.replaceAll("*", "") ? glob : null;
      return query;
    }
    if (hasHanzi(rest) && (field === null || field === "zh")) {
      const typed = rest.replace(/\s+/g, "");
      const folded = codePoints(typed).map(function (c) { return simplified[c] || c; }).join("");
      query.hanzi = folded === typed ? [typed] : [typed, folded];
      query.hanziForms = query.hanzi.map(function (text) { return { text: text, chars: codePoints(text) }; });
      return query;
    }
    if ((field === null || field === "pinyin") && !phrase) {
      query.reading = GlossaryPinyin.parseQuery(rest);
    }
    if (field === null || field === "en") {
      query.words = GlossaryEnglish.words(rest);
    }
    return query;
  }

  // search._pattern: a wildcard query as a glob, hanzi kept, pinyin as toneless letters.
  function pattern(text) {
    let glob;
    if (hasHanzi(text)) {
      glob = text.replace(/\s+/g, "");
    } else {
      glob = text.split("*").map(function (p) { const q = GlossaryPinyin.parseQuery(p); return q ? q.letters : ""; }).join("*");
    }
    return glob.replace(/\*{2,}/g, "*");
  }

  // search._fits: does all of the text fit the glob (* any run), ignoring case?
  function fits(glob, text) {
    const pieces = glob.toLowerCase().split("*");
    text = text.toLowerCase();
    if (pieces.length === 1) {
      return text === pieces[0];
    }
    const first = pieces[0];
    const last = pieces[pieces.length - 1];
    if (first.length + last.length > text.length || !text.startsWith(first) || !text.endsWith(last)) {
      return false;
    }
    let at = first.length;
    const end = text.length - last.length;
    for (const piece of pieces.slice(1, -1)) {
      const found = text.slice(0, end).indexOf(piece, at);
      if (found < 0) {
        return false;
      }
      at = found + piece.length;
    }
    return true;
  }

  // --- Hanzi, pinyin, patterns ---------------------------------------------------------

  // rapidfuzz's fuzz.ratio: 100 * (1 - indel distance / total length), from the longest
  // common subsequence of the two texts' characters.
  function ratio(a, b) {
    const x = codePoints(a);
    const y = codePoints(b);
    const total = x.length + y.length;
    if (!total) {
      return 100;
    }
    let previous = new Array(y.length + 1).fill(0);
    for (let i = 1; i <= x.length; i++) {
      const row = [0];
      for (let j = 1; j <= y.length; j++) {
        row.push(x[i - 1] === y[j - 1] ? previous[j - 1] + 1 : Math.max(previous[j], row[j - 1]));
      }
      previous = row;
    }
    const common = previous[y.length];
    return 100 * (1 - (total - 2 * common) / total);
  }

  function formScore(field, text, q, out) {
    if (text === q) {
      out.push([100, field, text]);
    } else if (text.startsWith(q)) {
      out.push([90, field, text]);
    } else if (text.includes(q)) {
      out.push([80, field, text]);
    }
  }

  // A near miss of a headword form: 60 + ratio / 10, for a ratio of 60 or more.
  function nearMiss(field, text, size, typed, out) {
    // A ratio of 60 needs a character in common and lengths not too far apart: most texts
    // are passed over before any ratio is worked out.
    if (Math.min(size, typed.chars.length) < 0.3 * (size + typed.chars.length)) {
      return;
    }
    if (!typed.chars.some(function (c) { return text.includes(c); })) {
      return;
    }
    const r = ratio(typed.text, text);
    if (r >= 60) {
      out.push([60 + r / 10, field, text]);
    }
  }

  // typed: one form of the query, {text, chars}.
  function hanziScores(entry, typed, notes, out) {
    const q = typed.text;
    const before = out.length;
    formScore("zh", entry.z, q, out);
    if (entry.t) {
      formScore("traditional", entry.t, q, out);
    }
    if (out.length === before) {
      // A near miss scores at most 70: looked for only where no form holds the query.
      nearMiss("zh", entry.z, entry.size, typed, out);
      if (entry.t) {
        nearMiss("traditional", entry.t, codePoints(entry.t).length, typed, out);
      }
    }
    if (notes) {
      for (const [field, text] of entry.notes) {
        if (text.includes(q)) {
          out.push([45, field, text]);
        }
      }
    }
  }

  function pinyinScore(entry, q) {
    if (!q) {
      return null;
    }
    let penalty = 0;
    let reading = null;
    if (entry.letters.includes(q.letters)) {
      reading = entry.reading || (entry.reading = GlossaryPinyin.readingOf(entry.k || ""));
    }
    let at = reading ? GlossaryPinyin.find(reading, q) : -1;
    if (reading && at < 0 && q.breaks.length) {
      // "xi'an" also tries "xian", ranked below a fit.
      at = GlossaryPinyin.find(reading, Object.assign({}, q, { breaks: [] }));
      penalty = 8;
    }
    if (at === 0) {
      return [(q.letters.length === entry.letters.length ? 96 : 88) - penalty, "pinyin", entry.pinyinText];
    }
    if (at > 0) {
      return [78 - penalty, "pinyin", entry.pinyinText];
    }
    if (q.isInitials && entry.initials.startsWith(q.letters)) {
      return [entry.initials === q.letters ? 86 : 76, "pinyin", entry.pinyinText];
    }
    return null;
  }

  function patternScore(entry, glob) {
    for (const [field, text] of [["zh", entry.z], ["traditional", entry.t]]) {
      if (text && fits(glob, text)) {
        return [85, field, text];
      }
    }
    if (!hasHanzi(glob) && fits(glob, entry.letters)) {
      return [84, "pinyin", entry.pinyinText];
    }
    return null;
  }

  // --- Ranking (search._best, search._ranked) --------------------------------------------

  function best(entry, query, english, index) {
    if (query.tags.length) {
      const have = new Set((entry.g || []).map(function (t) { return t.toLowerCase(); }));
      if (!query.tags.every(function (t) { return have.has(t.toLowerCase()); })) {
        return null;
      }
    }
    const everywhere = query.field === null;
    const found = [];
    if (query.pattern !== null) {
      const s = patternScore(entry, query.pattern);
      if (s) {
        found.push(s);
      }
    } else if (query.hanzi.length) {
      for (const form of query.hanziForms) {
        hanziScores(entry, form, everywhere, found);
      }
    } else if (query.reading || query.words.length) {
      if (everywhere && entry.i && entry.i.toLowerCase() === query.text.toLowerCase()) {
        found.push([100, "id", entry.i]);
      }
      const s = pinyinScore(entry, query.reading);
      if (s) {
        found.push(s);
      }
      if (english.length) {
        GlossaryEnglish.scores(entry, english, query.phrase, everywhere, index.vocabulary, found);
      }
    } else {
      found.push([50, "tags", (entry.g || []).join(", ")]);
    }
    if (!found.length) {
      return null;
    }
    let top = found[0];
    for (const candidate of found) {
      if (candidate[0] > top[0]) {
        top = candidate;
      }
    }
    let score = top[0];
    if (top[1] === "pinyin" && found.some(function (c) { return c[1] === "en" && c[0] >= 84; })) {
      score += 2; // read both ways (beijing: the pinyin of 北京 and its English)
    }
    return { entry: entry, score: score, field: top[1], text: top[2] };
  }

  // Give the entries that match the query, best first; ties go to the shorter headword,
  // then to the glossary's order.
  function rank(index, query) {
    const english = query.words.length ? GlossaryEnglish.query(query.words, index.vocabulary) : [];
    const matches = [];
    for (const entry of index.entries) {
      const match = best(entry, query, english, index);
      if (match) {
        matches.push(match);
      }
    }
    matches.sort(function (a, b) { return b.score - a.score || a.entry.size - b.entry.size; });
    return matches;
  }

  // Give the search index of the page's data: the entries with the keys worked out once.
  function prepare(data) {
    for (const entry of data.entries) {
      const key = entry.k || "";
      entry.letters = GlossaryPinyin.lettersOf(key);
      entry.initials = GlossaryPinyin.initialsOf(key);
      entry.pinyinText = (entry.p || []).map(function (piece) { return piece[0]; }).join("");
      entry.size = codePoints(entry.z).length;
      entry.notes = [["literal", entry.l], ["definition", entry.d], ["context", entry.c]].filter(function (n) { return n[1]; });
    }
    return {
      entries: data.entries,
      vocabulary: GlossaryEnglish.vocabulary(data.words),
      simplified: data.simplified || {},
    };
  }

  // Give the entries the typed text finds, best first (throws an Error for a query that
  // holds nothing to look for).
  function search(index, typed) {
    return rank(index, parseQuery(typed, index.simplified));
  }

  return { prepare: prepare, search: search, parseQuery: parseQuery };
})();
