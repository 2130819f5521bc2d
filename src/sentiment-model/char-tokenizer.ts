/**
 * The tokenizer of painpoint's own sentiment models: a BERT WordPiece tokenizer whose vocabulary holds
 * single characters only (each also as a `##` continuation), so every word splits into characters,
 * as BERT's basic tokenizer already does for CJK text. `tokenizerFiles()` writes it in the Hugging Face
 * format the transformers pipeline reads; `CharTokenizer.encode()` computes the same ids without
 * that machinery (the fast path), mirroring its normalizer, pre-tokenizer and WordPiece step.
 */

export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
export const PAD_ID = 0;
export const UNK_ID = 1;
export const CLS_ID = 2;
export const SEP_ID = 3;
/** Words longer than this become one [UNK], as in WordPiece. */
const MAX_CHARS_PER_WORD = 100;
/** In `unitIds`: the code unit is not a CJK character. */
const NOT_CJK = -1;
/** In `singleUnitRuns`: not met yet; a run with no pieces (a space); more than one piece. */
const UNSEEN = -1;
const NO_PIECE = -2;
const PIECES = -3;

const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const WORD_PATTERN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');
const CONTROL = /^\p{Cc}|\p{Cf}|\p{Co}|\p{Cs}$/u;

function isCjk(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/**
 * BERT normalization as the transformers tokenizer applies it (clean text, space around CJK, lower
 * case, accents kept). Its quirks are kept on purpose: CJK detection looks at UTF-16 code units and
 * the control-character test is the library's own, so both paths give the same ids.
 */
export function normalizeForBert(text: string): string {
  let cleaned = '';
  for (const ch of text) {
    const cp = ch.charCodeAt(0);
    if (cp === 0 || cp === 0xfffd) continue;
    if (ch !== '\t' && ch !== '\n' && ch !== '\r' && CONTROL.test(ch)) continue;
    cleaned += /^\s$/.test(ch) ? ' ' : ch;
  }
  let spaced = '';
  for (let i = 0; i < cleaned.length; i++) {
    const unit = cleaned[i]!;
    spaced += isCjk(unit.charCodeAt(0)) ? ` ${unit} ` : unit;
  }
  return spaced.toLowerCase();
}

/** The words (CJK characters, punctuation marks, runs of other characters) of normalized text. */
export function bertWords(normalized: string): string[] {
  return normalized.trim().match(WORD_PATTERN) ?? [];
}

export class CharTokenizer {
  readonly vocab: readonly string[];
  readonly maxLength: number;
  private readonly ids: Map<string, number>;
  /** Id of each CJK code unit (UNK where not in the vocabulary), NOT_CJK for the others: the hot path's lookup. */
  private readonly unitIds = new Int32Array(0x10000);
  /**
   * The piece of a run that is one code unit long (the punctuation mark between two CJK characters,
   * most runs), found once per code unit instead of looked up by its text in the run cache.
   */
  private readonly singleUnitRuns = new Int32Array(0x10000).fill(UNSEEN);

  constructor(vocab: readonly string[], maxLength: number) {
    this.vocab = vocab;
    this.maxLength = maxLength;
    this.ids = new Map(vocab.map((token, id) => [token, id]));
    for (let unit = 0; unit < 0x10000; unit++) this.unitIds[unit] = isCjk(unit) ? UNK_ID : NOT_CJK;
    vocab.forEach((token, id) => {
      if (token.length === 1 && isCjk(token.charCodeAt(0))) this.unitIds[token.charCodeAt(0)] = id;
    });
  }

  /**
   * Token ids of one text: [CLS], the pieces, [SEP], cut to `maxLength` as the transformers
   * tokenizer cuts it (after adding the special tokens, so a long text loses its [SEP]).
   *
   * A CJK character is always a word of its own (normalization puts spaces around it), so it maps
   * straight to its id; only the runs between CJK characters (punctuation, Latin words, emoji) take
   * the full normalize → split → WordPiece path, and short runs are cached. The spaces around CJK
   * also cut any lower-casing context, so run by run gives the same ids as the whole text at once.
   */
  encode(text: string): Int32Array {
    const out = (this.scratch ??= new Int32Array(this.maxLength));
    return out.slice(0, this.encodeInto(text, out));
  }

  /** `encode` into `out` (which must hold `maxLength` ids), returning how many ids there are. */
  encodeInto(text: string, out: Int32Array): number {
    const limit = this.maxLength;
    const unitIds = this.unitIds;
    let n = 0;
    out[n++] = CLS_ID;
    for (let i = 0; i < text.length && n < limit; ) {
      const id = unitIds[text.charCodeAt(i)]!;
      if (id !== NOT_CJK) {
        out[n++] = id;
        i++;
        continue;
      }
      let end = i + 1;
      while (end < text.length && unitIds[text.charCodeAt(end)] === NOT_CJK) end++;
      const single = end === i + 1 ? this.singleUnitRun(text, i) : PIECES;
      if (single >= 0) out[n++] = single;
      else if (single === PIECES) {
        for (const piece of this.runPieces(text.slice(i, end))) {
          if (n >= limit) break;
          out[n++] = piece;
        }
      }
      i = end;
    }
    if (n < limit) out[n++] = SEP_ID;
    return n;
  }

  private scratch: Int32Array | undefined;

  /** The one piece of the run `text[i]`, NO_PIECE, or PIECES when it has several (runPieces has them). */
  private singleUnitRun(text: string, i: number): number {
    const unit = text.charCodeAt(i);
    let known = this.singleUnitRuns[unit]!;
    if (known === UNSEEN) {
      const pieces = this.runPieces(text[i]!);
      known = pieces.length === 0 ? NO_PIECE : pieces.length === 1 ? pieces[0]! : PIECES;
      this.singleUnitRuns[unit] = known;
    }
    return known;
  }

  private readonly runCache = new Map<string, readonly number[]>();

  private runPieces(run: string): readonly number[] {
    const cached = this.runCache.get(run);
    if (cached) return cached;
    const ids: number[] = [];
    for (const word of bertWords(normalizeForBert(run))) ids.push(...this.wordPieces(word));
    if (run.length <= 16) {
      if (this.runCache.size >= 50_000) this.runCache.clear();
      this.runCache.set(run, ids);
    }
    return ids;
  }

  private wordPieces(word: string): number[] {
    const chars = [...word];
    if (chars.length > MAX_CHARS_PER_WORD) return [UNK_ID];
    const out: number[] = [];
    for (let i = 0; i < chars.length; i++) {
      // Only single characters are in the vocabulary, so the longest match is always one character.
      const id = this.ids.get(i === 0 ? chars[i]! : `##${chars[i]!}`);
      if (id === undefined) return [UNK_ID];
      out.push(id);
    }
    return out;
  }
}

/**
 * The vocabulary for a corpus: the special tokens, then every character seen at least `minCount`
 * times (most frequent first), each non-CJK one also as a `##` continuation piece.
 */
export function buildVocabulary(texts: Iterable<string>, options: { minCount?: number; maxSize?: number } = {}): string[] {
  const minCount = options.minCount ?? 2;
  const maxSize = options.maxSize ?? 12_000;
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const word of bertWords(normalizeForBert(text))) {
      for (const ch of word) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
  }
  const chars = [...counts]
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([ch]) => ch);
  const vocab: string[] = [...SPECIAL_TOKENS];
  for (const ch of chars) {
    if (vocab.length >= maxSize) break;
    vocab.push(ch);
    if (!isCjk(ch.codePointAt(0)!) && vocab.length < maxSize) vocab.push(`##${ch}`);
  }
  return vocab;
}

/** `tokenizer.json` and `tokenizer_config.json` for a vocabulary, in the Hugging Face format. */
export function tokenizerFiles(vocab: readonly string[], maxLength: number): { tokenizer: object; tokenizerConfig: object } {
  const added = SPECIAL_TOKENS.map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: false, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [CLS_ID], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [SEP_ID], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: MAX_CHARS_PER_WORD,
      vocab: Object.fromEntries(vocab.map((token, id) => [token, id])),
    },
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    tokenize_chinese_chars: true,
    strip_accents: false,
    model_max_length: maxLength,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
  };
  return { tokenizer, tokenizerConfig };
}
