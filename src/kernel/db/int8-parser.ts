/**
 * int8 (bigint) columns hold HubSpot portal/object ids and epoch-millisecond times, all far below
 * 2^53. Both drivers parse them to numbers through this one function; a value outside the safe
 * range is a bug in our data, so it fails loudly instead of silently losing digits.
 */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`int8 value ${text} is outside the safe integer range`);
  }
  return value;
}

export const INT8_OID = 20;
