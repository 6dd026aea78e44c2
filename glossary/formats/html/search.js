// The search box of the glossary's HTML page.
//
// No data here: the tables and every concept's keys come from the JSON of
// #search-data, which Python writes from the index and from the normalisers
// (glossary.core.normalize, glossary.core.pinyin). This script ports
// Glossary.query_keys and the normalisers it calls, and nothing else: every rule
// is in the tables, so a query folds here as it does in `glossary lookup`.
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("search-data").textContent);
  const T = data.tables;
  const input = document.getElementById("q");
  const status = document.getElementById("status");
  const terms = Array.from(document.querySelectorAll("article.term"));
  const letters = Array.from(document.querySelectorAll("section.letter"));
  const SYLLABLES = new Set(T.syllables);
  const LONGEST = Math.max(...T.syllables.map((s) => s.length));
  const SPACE = new Set(Array.from(T.space));
  const ASCII = /^[\u0000-\u007f]*$/;

  const own = (table, key) => (Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined);
  const translate = (text, table) => Array.from(text, (c) => own(table, c) ?? c).join("");
  // str.split() and str.strip(): white space as Python defines it
  const words = (text) => Array.from(text, (c) => (SPACE.has(c) ? " " : c)).join("").split(" ").filter(Boolean);
  function strip(text) {
    const chars = Array.from(text);
    while (chars.length > 0 && SPACE.has(chars[0])) chars.shift();
    while (chars.length > 0 && SPACE.has(chars[chars.length - 1])) chars.pop();
    return chars.join("");
  }
  const hasHan = (text) =>
    Array.from(text).some((c) => {
      const code = c.codePointAt(0);
      return T.han.some(([first, last]) => first <= code && code <= last);
    });

  // --- glossary.core.normalize ---
  const chineseKey = (text) => words(translate(text.normalize("NFKC"), T.chinese)).join("").normalize("NFKC");
  const casefold = (text) => Array.from(text, (c) => own(T.casefold, c) ?? c.toLowerCase()).join("");
  function latinBase(text) {
    const folded = casefold(text.normalize("NFKC")).normalize("NFKC");
    return words(translate(folded, T.latin)).join(" ").normalize("NFKC");
  }
  function englishWord(word) {
    const spelled = own(T.spelling, word);
    if (spelled) return spelled;
    for (const [british, american] of T.suffixes) {
      if (word.endsWith(british)) return word.slice(0, word.length - british.length) + american;
    }
    return word;
  }
  function englishKeyOfBase(base) {
    while (base.startsWith("the ") && base.length > 4) base = base.slice(4);
    return base.split(" ").map(englishWord).join(" ");
  }

  // --- glossary.core.pinyin: parse and keys ---
  class NotPinyin extends Error {}
  const alias = (piece) => own(T.aliases, piece) || piece;
  const isDigits = (text) => /^[0-9]+$/.test(text);

  // the fewest syllables; among those, the split whose later syllables start with a
  // consonant (biange is bian-ge: a, o or e inside a word would need an apostrophe);
  // at most one tone mark in a syllable
  function segment(chars, tones) {
    const size = chars.length;
    const marked = [];
    tones.forEach((tone, i) => {
      if (tone !== null) marked.push(i);
    });
    if (size <= LONGEST && marked.length <= 1) {
      const whole = alias(chars.join(""));
      if (SYLLABLES.has(whole)) return [[whole, marked.length > 0 ? tones[marked[0]] : null]];
    }
    const before = [0];
    tones.forEach((tone, i) => before.push(before[i] + (tone !== null ? 1 : 0)));
    const best = new Array(size + 1).fill(null);
    const step = new Array(size + 1).fill(0);
    best[size] = [0, 0];
    for (let start = size - 1; start >= 0; start -= 1) {
      let choice = null;
      for (let end = Math.min(size, start + LONGEST); end > start; end -= 1) {
        const rest = best[end];
        if (rest === null || before[end] - before[start] > 1) continue;
        if (!SYLLABLES.has(alias(chars.slice(start, end).join("")))) continue;
        const candidate = [rest[0] + 1, rest[1] + (end < size && "aoe".includes(chars[end]) ? 1 : 0)];
        if (choice === null || candidate[0] < choice[0] || (candidate[0] === choice[0] && candidate[1] < choice[1])) {
          choice = candidate;
          step[start] = end;
        }
      }
      best[start] = choice;
    }
    if (best[0] === null) return null;
    const syllables = [];
    for (let from = 0; from < size; from = step[from]) {
      const to = step[from];
      const tone = tones.slice(from, to).find((t) => t !== null) ?? null;
      syllables.push([alias(chars.slice(from, to).join("")), tone]);
    }
    return syllables;
  }

  function parseWord(chunk) {
    const word = [];
    let chars = [];
    let tones = [];
    let numeral = "";
    const flush = () => {
      const found = segment(chars, tones);
      if (found === null) throw new NotPinyin();
      chars = [];
      tones = [];
      return found;
    };
    for (const c of chunk) {
      if (c >= "a" && c <= "z") {
        if (numeral) {
          word.push([numeral, null]);
          numeral = "";
        }
        chars.push(c);
        tones.push(null);
      } else if (own(T.tone_marks, c) !== undefined && chars.length > 0) {
        tones[tones.length - 1] = T.tone_marks[c];
      } else if ("012345".includes(c) && chars.length > 0) {
        const found = flush();
        const [syllable] = found[found.length - 1];
        found[found.length - 1] = [syllable, c === "0" ? "5" : c];
        word.push(...found);
      } else if (isDigits(c)) {
        if (chars.length > 0) word.push(...flush());
        numeral += c;
      } else {
        throw new NotPinyin();
      }
    }
    if (numeral) word.push([numeral, null]);
    if (chars.length > 0) word.push(...flush());
    return word;
  }

  function parse(text) {
    const decomposed = text.normalize("NFKC").normalize("NFD").toLowerCase().split("u:").join("v").split("u" + T.diaeresis).join("v");
    const out = words(translate(decomposed, T.separators)).map(parseWord).filter((word) => word.length > 0);
    if (out.length === 0) throw new NotPinyin();
    return out;
  }

  function join(tokens) {
    let out = "";
    for (const token of tokens) {
      if (out && isDigits(token.charAt(0)) && !isDigits(out.charAt(out.length - 1))) out += " ";
      out += token;
    }
    return out;
  }

  const flat = (text) => parse(text).flat();
  const plainOf = (syllables) => join(syllables.map(([syllable]) => syllable));

  function pinyinKeys(text) {
    try {
      const syllables = flat(text);
      let plain = plainOf(syllables);
      if (plain.includes("lue") || plain.includes("nue")) plain = plainOf(flat(plain));
      const marked = Array.from(text.normalize("NFD")).some((c) => own(T.tone_marks, c) !== undefined);
      if (marked || syllables.every(([syllable, tone]) => tone !== null || isDigits(syllable))) {
        return [join(syllables.map(([syllable, tone]) => (isDigits(syllable) ? syllable : syllable + (tone || "5")))), plain];
      }
      return [null, plain];
    } catch (error) {
      if (error instanceof NotPinyin) return [null, null];
      throw error;
    }
  }

  // --- Glossary.query_keys ---
  function queryKeys(query) {
    const typed = strip(query);
    const keys = [["id", typed]];
    if (!ASCII.test(query) && hasHan(query)) {
      keys.push(["zh", chineseKey(query)]);
      return keys;
    }
    const base = latinBase(query);
    if (!base) return keys;
    keys.push(["en", englishKeyOfBase(base)]);
    const compact = base.split(" ").join("");
    keys.push(["abbr", ASCII.test(compact) ? compact : compact.normalize("NFKC")]);
    if (/^[a-z]+$/i.test(compact)) {
      keys.push(["pinyin", compact.split("lue").join("lve").split("nue").join("nve")]);
    } else {
      const [withTones, plain] = pinyinKeys(query);
      if (withTones) keys.push(["pinyin_tones", withTones]);
      if (plain) keys.push(["pinyin", plain]);
    }
    const lowered = typed.toLowerCase();
    if (lowered !== typed) keys.push(["id", lowered]);
    return keys;
  }

  // "exact": a stored key equals a key of the query, as in glossary lookup;
  // "partial": a stored key contains it (abbreviations: starts with it), to find as one types
  function match(stored, query) {
    let how = "";
    for (const [family, key] of query) {
      for (const held of own(stored, family) || []) {
        if (held === key) {
          how = "exact";
        } else if (!how && (family === "abbr" ? held.startsWith(key) : held.includes(key))) {
          how = "partial";
        }
      }
    }
    return how;
  }

  window.glossaryQueryKeys = queryKeys;

  function update() {
    const query = strip(input.value) ? queryKeys(input.value) : null;
    let shown = 0;
    for (const term of terms) {
      const how = query ? match(data.keys[term.id.slice(2)] || {}, query) : "";
      term.hidden = Boolean(query) && !how;
      if (how === "exact") term.setAttribute("data-match", "exact");
      else term.removeAttribute("data-match");
      if (!term.hidden) shown += 1;
    }
    for (const section of letters) {
      section.hidden = !section.querySelector("article.term:not([hidden])");
    }
    if (!query) {
      status.textContent = "";
    } else if (shown > 0) {
      status.textContent = status.dataset.shown.replace("%(shown)d", String(shown)).replace("%(count)d", String(terms.length));
    } else {
      status.textContent = status.dataset.none;
    }
  }

  input.addEventListener("input", update);
  // a link to a concept the search hides clears the search, so the link leads somewhere
  document.addEventListener("click", (event) => {
    const link = event.target.closest ? event.target.closest("a[href^='#t-']") : null;
    const target = link ? document.getElementById(link.getAttribute("href").slice(1)) : null;
    if (target && target.hidden) {
      input.value = "";
      update();
    }
  });
  update();
})();
