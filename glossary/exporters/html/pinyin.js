// Pinyin for the exported page: what glossary/pinyin.py gives the search, in plain JavaScript.
// A typed query is read here (pinyin.parse_query); a stored reading comes from the export
// already cut into syllables ("san1 gu3 shi4 li4", see glossary/exporters/html/data.py).

const GlossaryPinyin = (function () {
  "use strict";

  const HANZI_RANGES = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0x20000, 0x3134f]];
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

  // pinyin.has_hanzi: does the text hold a Chinese character?
  function hasHanzi(text) {
    for (const char of text) {
      const code = char.codePointAt(0);
      if (HANZI_RANGES.some(function (r) { return code >= r[0] && code <= r[1]; })) {
        return true;
      }
    }
    return false;
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

  // The toneless letters of a reading key ("san1 gu3" -> "sangu", ü as u).
  function lettersOf(key) {
    return key.replace(/[0-9 ]/g, "").replaceAll("v", "u");
  }

  // The first letter of each syllable of a reading key ("san1 gu3 shi4 li4" -> "sgsl").
  function initialsOf(key) {
    return key.split(" ").filter(Boolean).map(function (s) { return s[0] === "v" ? "u" : s[0]; }).join("");
  }

  return {
    hasHanzi: hasHanzi,
    parseQuery: parsePinyin,
    readingOf: readingOf,
    find: findIn,
    lettersOf: lettersOf,
    initialsOf: initialsOf,
  };
})();
