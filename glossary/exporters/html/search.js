// Search for the exported page: glossary/search.py and the query half of glossary/pinyin.py,
// written again in plain JavaScript. The export worked out every key of an entry (see
// glossary/exporters/html/data.py), so this file only reads queries, matches and ranks.
// The scores are the command line's, band for band; docs/browser.md lists them side by side.
// Where a function here has a Python twin, it carries the twin's name in a comment.

const GlossarySearch = (function () {
  "use strict";

  const MAX_QUERY = 500;
  const HANZI_RANGES = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x20000, 0x3134f]];
  // Words that say little in a rendering ("to receive", "the Great Learning").
  const FILLER = new Set(["to", "a", "an", "the", "of", "sb", "sth"]);
  const QUOTES = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019"];
  const WORD = /[\p{L}\p{N}]+/gu;
  const VOWELS = new Set(["a", "e", "i", "o", "u"]);
  const UMLAUTS = new Set(["ü", "ǖ", "ǘ", "ǚ", "ǜ"]);
  const TONE_DIGIT = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 0: 5 };

  // A vowel with a tone mark -> [plain letter, tone]; ü is kept as u (people type it so).
  const MARKED = {};
  const MARK_ROWS = { a: "āáǎà", e: "ēéěè", i: "īíǐì", o: "ōóǒò", u: "ūúǔù", ü: "ǖǘǚǜ", n: "\0ńňǹ", m: "\0ḿ\0\0" };
  for (const [plain, row] of Object.entries(MARK_ROWS)) {
    Array.from(row).forEach(function (mark, i) {
      if (mark !== "\0") {
        MARKED[mark] = [plain === "ü" ? "u" : plain, i + 1];
      }
    });
  }
  MARKED["ü"] = ["u", 0];
  const PINYIN_CHARS = new RegExp("^[a-zü:' \\-0-5\\u0300-\\u036f" + Object.keys(MARKED).join("") + "]+$", "u");

  // --- Text ------------------------------------------------------------------------------

  function hasHanzi(text) {
    for (const char of text) {
      const code = char.codePointAt(0);
      if (HANZI_RANGES.some(function (r) { return code >= r[0] && code <= r[1]; })) {
        return true;
      }
    }
    return false;
  }

  // fold: case-folded, compatibility forms composed (full-width letters as plain ones).
  function fold(text) {
    return /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : text.normalize("NFKC").toLowerCase();
  }

  // stem: a folded word without a simple plural ending.
  function stem(word) {
    if (word.length > 4 && word.endsWith("ies")) {
      return word.slice(0, -3) + "y";
    }
    if (word.length > 4 && ["sses", "shes", "ches", "xes", "zes"].some(function (e) { return word.endsWith(e); })) {
      return word.slice(0, -2);
    }
    if (word.length > 3 && word.endsWith("s") && !["ss", "us", "is"].some(function (e) { return word.endsWith(e); })) {
      return word.slice(0, -1);
    }
    return word;
  }

  // words: the normalised English words of a text.
  function words(text) {
    return (fold(text).match(WORD) || []).filter(function (w) { return w !== "s"; }).map(stem);
  }

  function codePoints(text) {
    return Array.from(text);
  }

  // --- Typed pinyin (pinyin.parse_query) ---------------------------------------------------

  function parsePinyin(typed) {
    const text = typed.trim().toLowerCase().normalize("NFC").replaceAll("u:", "ü");
    if (!text || !PINYIN_CHARS.test(text)) {
      return null;
    }
    const letters = [];
    const toneAt = [];
    const breaks = [];
    const umlauts = [];
    for (const char of text) {
      if (char in TONE_DIGIT && letters.length) {
        toneAt.push([letters.length - 1, TONE_DIGIT[char]]);
        breaks.push(letters.length);
      } else if (" '-".includes(char)) {
        breaks.push(letters.length);
      } else if (/\p{L}/u.test(char)) {
        const [plain, tone] = MARKED[char] || [char === "v" ? "u" : char, 0];
        if (tone) {
          toneAt.push([letters.length, tone]);
        }
        if (char === "v" || UMLAUTS.has(char)) {
          umlauts.push(letters.length);
        }
        letters.push(plain);
      } else {
        return null;
      }
    }
    if (!letters.length) {
      return null;
    }
    const n = letters.length;
    const inner = Array.from(new Set(breaks.filter(function (b) { return b > 0 && b < n; })));
    inner.sort(function (a, b) { return a - b; });
    const joined = letters.join("");
    const isInitials = n >= 2 && !letters.some(function (c) { return VOWELS.has(c); }) && !toneAt.length;
    return { letters: joined, toneAt: toneAt, breaks: inner, umlauts: umlauts, isInitials: isInitials };
  }

  // A stored reading from the export's syllable key, "san1 gu3 shi4 li4" (pinyin.Reading).
  function readingOf(key) {
    let letters = "";
    const tones = [];
    const starts = new Set();
    const umlauts = new Set();
    for (const syllable of key.split(" ")) {
      if (!syllable) {
        continue;
      }
      const tone = Number(syllable.slice(-1));
      starts.add(letters.length);
      for (const char of syllable.slice(0, -1)) {
        if (char === "v") {
          umlauts.add(letters.length);
        }
        letters += char === "v" ? "u" : char;
        tones.push(tone);
      }
    }
    starts.add(letters.length);
    return { letters: letters, tones: tones, starts: starts, umlauts: umlauts };
  }

  // pinyin.match_at: does the query fit the reading from letter `offset`?
  function matchAt(reading, q, offset) {
    if (!reading.starts.has(offset)) {
      return false;
    }
    if (q.breaks.some(function (b) { return !reading.starts.has(offset + b); })) {
      return false;
    }
    const marked = reading.tones.some(function (t) { return t; });
    if (marked && q.umlauts.some(function (i) { return !reading.umlauts.has(offset + i); })) {
      return false;
    }
    for (const [index, tone] of q.toneAt) {
      const have = reading.tones[offset + index];
      if (have && have !== tone) {
        return false;
      }
    }
    return true;
  }

  // pinyin.find: the first letter offset where the query fits, or -1.
  function findIn(reading, q) {
    let start = reading.letters.indexOf(q.letters);
    while (start !== -1) {
      if (matchAt(reading, q, start)) {
        return start;
      }
      start = reading.letters.indexOf(q.letters, start + 1);
    }
    return -1;
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
      query.reading = parsePinyin(rest);
    }
    if (field === null || field === "en") {
      query.words = words(rest);
    }
    return query;
  }

  // search._pattern: a wildcard query as a glob, hanzi kept, pinyin as toneless letters.
  function pattern(text) {
    let glob;
    if (hasHanzi(text)) {
      glob = text.replace(/\s+/g, "");
    } else {
      glob = text.split("*").map(function (p) { const q = parsePinyin(p); return q ? q.letters : ""; }).join("*");
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

  // --- English (search._english_scores and what it calls) --------------------------------

  // search.allowed_edits: typing mistakes a query word may hold (0, 1 or 2).
  function allowedEdits(word) {
    return word.length < 3 ? 0 : word.length < 6 ? 1 : 2;
  }

  // The optimal string alignment distance of a and b, or limit + 1 once it is over limit.
  function osa(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) {
      return limit + 1;
    }
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, function (_, j) { return j; });
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      let least = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d = Math.min(d, before[j - 2] + 1);
        }
        row.push(d);
        least = Math.min(least, d);
      }
      if (least > limit) {
        return limit + 1;
      }
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // A bit for each letter a-z in a word (bit 26: anything else); an edit changes one letter,
  // so words whose letters differ by more than the edits allowed need no distance worked out.
  function letterMask(word) {
    let mask = 0;
    for (let i = 0; i < word.length; i++) {
      const c = word.charCodeAt(i) - 97;
      mask |= c >= 0 && c < 26 ? 1 << c : 1 << 26;
    }
    return mask;
  }

  function bitCount(n) {
    let count = 0;
    while (n) {
      n &= n - 1;
      count++;
    }
    return count;
  }

  // How closely a query word matches each word of the glossary, by the word's number (0: not
  // at all): a typed start counts as its share of the word, a typo as 1 - edits / length
  // (search._fuzzy_words, one pair at a time).
  function closeness(word, vocabulary, masks) {
    const found = new Float32Array(vocabulary.length);
    const limit = allowedEdits(word);
    const mask = letterMask(word);
    for (let id = 0; id < vocabulary.length; id++) {
      const other = vocabulary[id];
      if (word.length >= 3 && other.startsWith(word)) {
        found[id] = word.length / other.length;
      } else if (other === word) {
        found[id] = 1;
      } else if (limit && Math.abs(other.length - word.length) <= limit &&
        bitCount(mask & ~masks[id]) <= limit && bitCount(masks[id] & ~mask) <= limit) {
        const d = osa(word, other, limit);
        if (d <= limit) {
          found[id] = 1 - d / Math.max(word.length, other.length);
        }
      }
    }
    return found;
  }

  // The query's words, each with its number in the glossary's list and its closeness.
  function englishQuery(queryWords, index) {
    return queryWords.map(function (word) {
      const id = index.wordIds.has(word) ? index.wordIds.get(word) : -1;
      return { word: word, id: id, close: closeness(word, index.words, index.masks) };
    });
  }

  // Does every query word come close to some word of w? Every score needs it (an exact or
  // typed word is close too), so most renderings are passed over here, at little cost.
  function touches(q, w) {
    for (const word of q) {
      let near = false;
      for (let i = 0; i < w.length && !near; i++) {
        near = word.close[w[i]] > 0;
      }
      if (!near) {
        return false;
      }
    }
    return true;
  }

  function fuzzyWords(q, w) {
    let total = 0;
    for (const word of q) {
      let best = 0;
      for (const id of w) {
        best = Math.max(best, word.close[id]);
      }
      if (!best) {
        return 0;
      }
      total += best;
    }
    return total / q.length;
  }

  function sameWords(q, w) {
    return q.length === w.length && q.every(function (word, i) { return word.id === w[i]; });
  }

  function allIn(q, w) {
    return q.every(function (word) { return w.includes(word.id); });
  }

  // search._holds: do the query words stand in w as a run?
  function holds(w, q) {
    for (let i = 0; i + q.length <= w.length; i++) {
      if (q.every(function (word, j) { return word.id === w[i + j]; })) {
        return true;
      }
    }
    return false;
  }

  // search._is_prefix: does the query open w, its last word perhaps still being typed?
  function isPrefix(q, w, vocabulary) {
    if (q.length > w.length) {
      return false;
    }
    const head = q.slice(0, -1);
    const last = q[q.length - 1];
    const typed = w[head.length];
    const headFits = head.every(function (word, i) { return word.id === w[i]; });
    return headFits && (typed === last.id || (last.word.length >= 3 && vocabulary[typed].startsWith(last.word)));
  }

  function phraseScore(q, w) {
    if (sameWords(q, w)) {
      return 94;
    }
    if (q.length <= w.length && holds(w.slice(0, q.length), q)) {
      return 84;
    }
    return holds(w, q) ? 74 : 0;
  }

  function renderingScore(q, w, index) {
    if (sameWords(q, w)) {
      return 94;
    }
    if (isPrefix(q, w, index.words)) {
      return 84;
    }
    // Below the prefix band, a rendering made mostly of the query words ranks higher.
    let content = w.filter(function (id) { return !index.filler.has(id); });
    if (!content.length) {
      content = w;
    }
    const coverage = content.length ? 3 * Math.min(1, q.length / content.length) : 0;
    if (allIn(q, w)) {
      return 72 + coverage;
    }
    const sim = fuzzyWords(q, w);
    return sim ? 58 + 10 * sim + coverage : 0;
  }

  function notesScore(q, w) {
    if (allIn(q, w)) {
      return 50;
    }
    const sim = fuzzyWords(q, w);
    return sim ? 40 + 5 * sim : 0;
  }

  function englishScores(entry, q, phrase, notes, index, out) {
    const en = entry.e || [];
    const avoid = entry.a || [];
    const w = entry.w || [];
    const scored = notes ? w.length : en.length + avoid.length;
    for (let i = 0; i < scored; i++) {
      if (!touches(q, w[i])) {
        continue;
      }
      if (i < en.length + avoid.length) {
        const score = phrase ? phraseScore(q, w[i]) : renderingScore(q, w[i], index);
        if (score && i < en.length) {
          out.push([score + (i === 0 ? 3 : 0), "en", en[i]]);
        } else if (score) {
          out.push([score - 2, "avoid", avoid[i - en.length]]);
        }
      } else {
        const note = entry.notes[i - en.length - avoid.length];
        const score = phrase ? (holds(w[i], q) ? 50 : 0) : notesScore(q, w[i]);
        if (score) {
          out.push([score, note[0], note[1]]);
        }
      }
    }
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
      reading = entry.reading || (entry.reading = readingOf(entry.k || ""));
    }
    let at = reading ? findIn(reading, q) : -1;
    if (reading && at < 0 && q.breaks.length) {
      // "xi'an" also tries "xian", ranked below a fit.
      at = findIn(reading, Object.assign({}, q, { breaks: [] }));
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
        englishScores(entry, english, query.phrase, everywhere, index, found);
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
    const english = query.words.length ? englishQuery(query.words, index) : [];
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
    const wordIds = new Map();
    data.words.forEach(function (word, id) { wordIds.set(word, id); });
    const filler = new Set();
    for (const word of FILLER) {
      if (wordIds.has(word)) {
        filler.add(wordIds.get(word));
      }
    }
    const masks = new Int32Array(data.words.length);
    data.words.forEach(function (word, id) { masks[id] = letterMask(word); });
    for (const entry of data.entries) {
      const key = entry.k || "";
      entry.letters = key.replace(/[0-9 ]/g, "").replaceAll("v", "u");
      entry.initials = key.split(" ").filter(Boolean).map(function (s) { return s[0] === "v" ? "u" : s[0]; }).join("");
      entry.pinyinText = (entry.p || []).map(function (piece) { return piece[0]; }).join("");
      entry.size = codePoints(entry.z).length;
      entry.notes = [["literal", entry.l], ["definition", entry.d], ["context", entry.c]].filter(function (n) { return n[1]; });
    }
    return {
      entries: data.entries,
      words: data.words,
      wordIds: wordIds,
      masks: masks,
      filler: filler,
      simplified: data.simplified || {},
    };
  }

  // Give the entries the typed text finds, best first (throws an Error for a query that
  // holds nothing to look for).
  function search(index, typed) {
    return rank(index, parseQuery(typed, index.simplified));
  }

  return { prepare: prepare, search: search, parseQuery: parseQuery, hasHanzi: hasHanzi, words: words };
})();
