/**
 * Validity rules for numbers that identify people or their money. The scanner
 * calls the `*Digits` forms on a reused digit buffer (no allocation per cell);
 * the string forms are for tests, reports and other callers.
 */

/** SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000. */
export function ssnPartsValid(area: number, group: number, serial: number): boolean {
  return area !== 0 && area !== 666 && area < 900 && group !== 0 && serial !== 0;
}

/** `digits` holds exactly 9 digits, nothing else. */
export function isValidSsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  return ssnPartsValid(Number(digits.slice(0, 3)), Number(digits.slice(3, 5)), Number(digits.slice(5)));
}

/** Luhn (mod 10) check over `d[0..n)`, the last digit being the check digit. */
export function luhnValidDigits(d: Uint8Array, n: number): boolean {
  let sum = 0;
  let double = false;
  for (let i = n - 1; i >= 0; i--) {
    let v = d[i]!;
    if (double) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    double = !double;
  }
  return sum % 10 === 0;
}

/**
 * Known issuer prefixes (IIN) with the lengths each network issues. A number
 * outside this table is not treated as a card, whatever its checksum.
 */
export function cardNetworkMatchesDigits(d: Uint8Array, n: number): boolean {
  if (n < 13 || n > 19) return false;
  const p1 = d[0]!;
  const p2 = p1 * 10 + d[1]!;
  const p3 = p2 * 10 + d[2]!;
  const p4 = p3 * 10 + d[3]!;
  const sixteenPlus = n >= 16;
  if (p1 === 4) return n === 13 || n === 16 || n === 19; // Visa
  if (p2 >= 51 && p2 <= 55) return n === 16; // Mastercard
  if (p4 >= 2221 && p4 <= 2720) return n === 16; // Mastercard 2-series
  if (p2 === 34 || p2 === 37) return n === 15; // American Express
  if (p4 === 6011 || (p3 >= 644 && p3 <= 649) || p2 === 65) return sixteenPlus; // Discover
  if (p2 === 62) return sixteenPlus; // UnionPay (and Discover co-brand 622126-622925)
  if (p4 >= 3528 && p4 <= 3589) return sixteenPlus; // JCB
  if (p2 === 36 || p2 === 38 || p2 === 39 || (p3 >= 300 && p3 <= 305)) return n >= 14; // Diners Club
  if (p4 >= 2200 && p4 <= 2204) return sixteenPlus; // Mir
  switch (p4) {
    case 5018:
    case 5020:
    case 5038:
    case 5893:
    case 6304:
    case 6759:
    case 6761:
    case 6762:
    case 6763:
      return true; // Maestro, 13-19 digits
    default:
      return false;
  }
}

const scratch = new Uint8Array(19);

function toDigits(digits: string): number {
  if (!/^\d{13,19}$/.test(digits)) return 0;
  for (let i = 0; i < digits.length; i++) scratch[i] = digits.charCodeAt(i) - 48;
  return digits.length;
}

/** Luhn check of a digit string (any length ≥ 2). */
export function luhnValid(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  const d = Uint8Array.from(digits, (c) => c.charCodeAt(0) - 48);
  return luhnValidDigits(d, d.length);
}

/** A 13-19 digit string (no separators) with a known network prefix and length and a valid Luhn digit. */
export function isPaymentCardNumber(digits: string): boolean {
  const n = toDigits(digits);
  return n > 0 && cardNetworkMatchesDigits(scratch, n) && luhnValidDigits(scratch, n);
}

/**
 * ABA routing number: 9 digits, 3-7-1 weighted sum divisible by 10, and a
 * Federal Reserve prefix in use (00 US government, 01-12 banks, 21-32 thrifts, 61-72 electronic, 80 traveler's checks).
 */
export function abaRoutingValidDigits(d: Uint8Array): boolean {
  const prefix = d[0]! * 10 + d[1]!;
  if (!(prefix <= 12 || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix === 80)) {
    return false;
  }
  const sum = 3 * (d[0]! + d[3]! + d[6]!) + 7 * (d[1]! + d[4]! + d[7]!) + (d[2]! + d[5]! + d[8]!);
  return sum % 10 === 0;
}

export function isAbaRoutingNumber(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  return abaRoutingValidDigits(Uint8Array.from(digits, (c) => c.charCodeAt(0) - 48));
}

/** IBAN: 2 letters, 2 check digits, 11-30 letters/digits, ISO 13616 mod-97 check equal to 1. */
export function isIban(value: string): boolean {
  const s = value.replace(/ /g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (let i = 0; i < rearranged.length; i++) {
    const c = rearranged.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 55;
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return rem === 1;
}

/**
 * NANP: area code NXX (N = 2-9) and not an N11 service code; exchange NXX.
 * `d` holds the 10 digits of the number at `offset`.
 */
export function nanpValidDigits(d: Uint8Array, offset: number): boolean {
  const a = d[offset]!;
  const e = d[offset + 3]!;
  return a >= 2 && !(d[offset + 1] === 1 && d[offset + 2] === 1) && e >= 2;
}

export function isNanpNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  return nanpValidDigits(
    Uint8Array.from(digits, (c) => c.charCodeAt(0) - 48),
    0,
  );
}
