// English for the exported page: the words of a query and how well they match a rendering
// or a note (search.words and search._english_scores of glossary/search.py, in plain
// JavaScript). The export numbered every word of the glossary's English, folded and
// stemmed by glossary.search.words; a rendering is a list of those numbers.

const GlossaryEnglish = (function () {
  "use strict";

  // Words that say little in a rendering ("to receive", "the Great Learning").
  const FILLER = new Set(["to", "a", "an", "the", "of", "sb", "sth"]);
  const WORD = /[\p{L}\p{N}]+/gu;

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
  function englishQuery(queryWords, vocabulary) {
    return queryWords.map(function (word) {
      const id = vocabulary.wordIds.has(word) ? vocabulary.wordIds.get(word) : -1;
      return { word: word, id: id, close: closeness(word, vocabulary.words, vocabulary.masks) };
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

  function renderingScore(q, w, vocabulary) {
    if (sameWords(q, w)) {
      return 94;
    }
    // The query with words that say little ("to eat" for eat) is all but exact.
    let content = w.filter(function (id) { return !vocabulary.filler.has(id); });
    if (!content.length) {
      content = w;
    }
    if (sameWords(q, content)) {
      return 93;
    }
    if (isPrefix(q, w, vocabulary.words)) {
      return 84;
    }
    // Below the prefix band, a rendering made mostly of the query words ranks higher.
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

  function englishScores(entry, q, phrase, notes, vocabulary, out) {
    const en = entry.e || [];
    const avoid = entry.a || [];
    const w = entry.w || [];
    // Each alternative of a rendering is scored on its own; owners says whose it is.
    const owners = entry.o || null;
    const parts = owners ? owners.length : en.length + avoid.length;
    const scored = notes ? w.length : parts;
    for (let i = 0; i < scored; i++) {
      if (!touches(q, w[i])) {
        continue;
      }
      if (i < parts) {
        const k = owners ? owners[i] : i;
        const score = phrase ? phraseScore(q, w[i]) : renderingScore(q, w[i], vocabulary);
        if (score && k < en.length) {
          out.push([score + (k === 0 ? 3 : 0), "en", en[k]]);
        } else if (score) {
          out.push([score - 2, "avoid", avoid[k - en.length]]);
        }
      } else {
        const note = entry.notes[i - parts];
        const score = phrase ? (holds(w[i], q) ? 50 : 0) : notesScore(q, w[i]);
        if (score) {
          out.push([score, note[0], note[1]]);
        }
      }
    }
  }

  // The glossary's words, with what each keystroke needs of them worked out once.
  function vocabulary(list) {
    const wordIds = new Map();
    list.forEach(function (word, id) { wordIds.set(word, id); });
    const filler = new Set();
    for (const word of FILLER) {
      if (wordIds.has(word)) {
        filler.add(wordIds.get(word));
      }
    }
    const masks = new Int32Array(list.length);
    list.forEach(function (word, id) { masks[id] = letterMask(word); });
    return { words: list, wordIds: wordIds, masks: masks, filler: filler };
  }

  return { words: words, vocabulary: vocabulary, query: englishQuery, scores: englishScores };
})();
