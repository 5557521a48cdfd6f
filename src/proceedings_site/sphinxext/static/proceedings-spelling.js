// Spelling correction on top of Pagefind, loaded by the search page only when a query word finds (almost) nothing.
// The build writes the indexed words with the number of pages holding each, in shards by first letter
// (spelling/index.json names them). A word Pagefind finds nothing for (neither indexed, nor the start or the stem
// of an indexed word) is replaced by the closest indexed word,
// by Damerau–Levenshtein distance (optimal string alignment): 1 edit for words of 4 to 7 letters, 2 for longer;
// ties go to a name when the query's other words are names, then to the word more pages hold. An indexed word is
// never replaced; if few pages hold it and a neighbour one edit away is held by far more, the neighbour is only
// offered ("Did you mean").

const WORD = /[\p{L}\p{N}]+/gu;
const VOWELS = "aeiouy";
const LATIN_EXTRA = { "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "æ": "ae", "Æ": "AE", "œ": "oe",
                      "Œ": "OE", "þ": "th", "Þ": "Th", "ı": "i" };
const RARE = 2;  // pages: a word held by this few may be a misspelling that made it into a page
const FAR_MORE = 20;  // … if a neighbour one edit away is held by this many times as many pages

// As the build folds words: no accents, lower case ("Malmö" → "malmo").
export const fold = (text) => text.replace(/[ßøØłŁđĐæÆœŒþÞı]/g, (c) => LATIN_EXTRA[c])
  .normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

export const words = (text) => fold(text).match(WORD) || [];

export const allowedEdits = (word) => (word.length < 4 || /^\d+$/.test(word) ? 0 : word.length < 8 ? 1 : 2);

// Optimal string alignment distance, or limit + 1 as soon as it must exceed limit.
export function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before = null;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2] + 1);
      }
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

const shardKey = (word) => (/[a-z]/.test(word[0]) ? word[0] : /\d/.test(word[0]) ? "0" : "_");

export class Vocabulary {
  constructor(base) {
    this.base = base;
    this.manifest = null;
    this.shards = new Map();
  }

  async shard(key) {
    if (!this.manifest) {
      this.manifest = fetch(`${this.base}spelling/index.json`).then((r) => (r.ok ? r.json() : { shards: {} }))
        .catch(() => ({ shards: {} }));
    }
    if (!this.shards.has(key)) {
      // A shard that cannot be had (a site rebuilt meanwhile, a lost connection) corrects nothing.
      this.shards.set(key, this.manifest.then(async ({ shards }) => {
        const response = shards[key] ? await fetch(`${this.base}spelling/${shards[key]}`) : null;
        const data = response && response.ok ? await response.json() : { words: {}, names: [] };
        return { words: data.words, names: new Set(data.names) };
      }).catch(() => ({ words: {}, names: new Set() })));
    }
    return this.shards.get(key);
  }

  async entry(word) {
    const shard = await this.shard(shardKey(word));
    return { count: shard.words[word] || 0, name: shard.names.has(word) };
  }

  // Indexed words within ``limit`` edits of ``word``: its own shard, the shard of its second letter (a swap or an
  // extra letter at the start) and, for a word that starts with a vowel, the other vowels' (a wrong first vowel).
  async neighbours(word, limit) {
    const keys = new Set([shardKey(word), shardKey(word.slice(1))]);
    if (VOWELS.includes(word[0])) for (const vowel of VOWELS) keys.add(vowel);
    const found = [];
    for (const key of keys) {
      const shard = await this.shard(key);
      for (const [candidate, count] of Object.entries(shard.words)) {
        if (candidate === word) continue;
        const edits = distance(word, candidate, limit);
        if (edits <= limit) found.push({ word: candidate, count, edits, name: shard.names.has(candidate) });
      }
    }
    return found;
  }
}

function best(candidates, preferNames) {
  return candidates.sort((a, b) => a.edits - b.edits || (preferNames ? b.name - a.name : 0) || b.count - a.count
    || a.word.localeCompare(b.word))[0] || null;
}

// Pagefind matches prefixes and stems: a word that begins an indexed word, or has the stem of one, is found.
const SUFFIX = /(?:ations?|ings?|ies|ers?|ed|es|ly|s)$/;
const stem = (word) => (word.length > 4 ? word.replace(SUFFIX, "") : word);

function found(word, shard) {
  if (shard.words[word]) return true;
  if (!shard.stems) shard.stems = new Set(Object.keys(shard.words).map(stem));
  return shard.stems.has(stem(word)) || Object.keys(shard.words).some((indexed) => indexed.startsWith(word));
}

// The words of ``query`` to replace ({typed: correction}: Pagefind finds nothing for them) and those only to
// suggest (held by a page or two, beside a neighbour held by far more pages).
export async function correct(query, vocabulary) {
  const typed = [...new Set(words(query))].filter(allowedEdits);
  const corrections = {};
  const suggestions = {};
  for (const word of typed) {
    const limit = allowedEdits(word);
    const shard = await vocabulary.shard(shardKey(word));
    const own = { count: shard.words[word] || 0, name: shard.names.has(word) };
    if (own.count) {
      if (own.count > RARE) continue;
      const frequent = (await vocabulary.neighbours(word, 1))
        .filter((c) => c.count >= FAR_MORE * own.count && c.name === own.name);
      const chosen = best(frequent, own.name);
      if (chosen) suggestions[word] = chosen.word;
      continue;
    }
    if (found(word, shard)) continue;
    const candidates = await vocabulary.neighbours(word, limit);
    const others = typed.filter((other) => other !== word);
    const names = candidates.some((c) => c.name) && candidates.some((c) => !c.name)
      && (await Promise.all(others.map((other) => vocabulary.entry(other)))).some((entry) => entry.name);
    const chosen = best(candidates, names);
    if (chosen) corrections[word] = chosen.word;
  }
  return { corrections, suggestions };
}

// ``query`` with its words replaced as ``changes`` says (capitalised as typed), the rest as typed.
export function rewrite(query, changes) {
  return query.replace(WORD, (token) => {
    const change = changes[fold(token)];
    if (change === undefined) return token;
    return token[0] !== token[0].toLowerCase() ? change[0].toUpperCase() + change.slice(1) : change;
  });
}
