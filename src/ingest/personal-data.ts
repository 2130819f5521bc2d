/**
 * Masks personal data in text before it is analysed or stored, so no phone number, ID-card number,
 * e-mail address or bank card reaches the database, an alert or a webhook. Matches are replaced by
 * a bracketed label, which the tokenizer keeps apart from the words around it.
 *
 * Checksums keep false positives down: an 18-digit run is an ID card only with a valid ISO 7064
 * check digit, a 16–19-digit run a bank card only when it passes Luhn (order numbers are long too).
 */
export const MASKS = {
  idCard: '[身份证号]',
  bankCard: '[银行卡号]',
  mobile: '[手机号]',
  email: '[邮箱]',
} as const;

export type PersonalDataKind = keyof typeof MASKS;

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gu;
const ID_CARD = /(?<![0-9A-Za-z])[1-9]\d{16}[\dXx](?![0-9A-Za-z])/gu;
// Cards are written in one run or in groups of four separated by spaces or dashes.
const BANK_CARD = /(?<![\d-])(?:\d{4}[ -]){3}\d{4,7}(?![\d-])|(?<!\d)\d{16,19}(?!\d)/gu;
const MOBILE = /(?<![\d+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/gu;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function isIdCardNumber(s: string): boolean {
  if (!/^\d{17}[\dXx]$/u.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === s[17]!.toUpperCase();
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

export interface MaskResult {
  text: string;
  /** What was masked, by kind (counts only: the values are gone). */
  found: Partial<Record<PersonalDataKind, number>>;
}

export function maskPersonalData(text: string): MaskResult {
  const found: Partial<Record<PersonalDataKind, number>> = {};
  // Cheap exit, before anything else is made: most reviews hold no digit run long enough and no '@'.
  if (!/\d{4}|@/u.test(text)) return { text, found };
  const hit = (kind: PersonalDataKind) => {
    found[kind] = (found[kind] ?? 0) + 1;
    return MASKS[kind];
  };
  let out = text.replace(EMAIL, () => hit('email'));
  out = out.replace(ID_CARD, (m) => (isIdCardNumber(m) ? hit('idCard') : m));
  out = out.replace(BANK_CARD, (m) => (passesLuhn(m.replace(/[ -]/gu, '')) ? hit('bankCard') : m));
  out = out.replace(MOBILE, () => hit('mobile'));
  return { text: out, found };
}
