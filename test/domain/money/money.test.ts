import { CURRENCY_CODES, isCurrencyCode, minorUnitsOf } from '../../../src/kernel/money/currency-minor-units.ts';
import { Decimal, formatDecimal, isDecimalString, parseDecimal } from '../../../src/kernel/money/money.ts';
import { formatMoney, roundMoney } from '../../../src/kernel/money/rounding.ts';

describe('money', () => {
  test('decimal arithmetic keeps at least 34 significant digits (the module runs at 40)', () => {
    expect(new Decimal(1).div(3).toString()).toBe('0.3333333333333333333333333333333333333333');
    expect(new Decimal('0.1').plus('0.2').toString()).toBe('0.3');
    expect(Decimal.precision).toBe(40);
  });

  test('the money Decimal is a private clone: the global decimal.js config is not what it uses', async () => {
    const { Decimal: GlobalDecimal } = await import('decimal.js');
    expect(Decimal).not.toBe(GlobalDecimal);
    expect(new GlobalDecimal(1).div(3).toString()).toBe('0.33333333333333333333');
  });

  test('JSON decimals: any exact decimal string parses, and "30" equals "30.0" by value', () => {
    expect(parseDecimal('30').eq(parseDecimal('30.0'))).toBe(true);
    expect(parseDecimal('-2.50').toString()).toBe('-2.5');
    expect(parseDecimal('.5').toString()).toBe('0.5');
    for (const bad of ['', '1e3', '1,000', '12abc', ' 1', 'NaN', 'Infinity', '0x10'])
      expect(isDecimalString(bad)).toBe(false);
    expect(() => parseDecimal('1e3')).toThrow('Not an exact decimal string');
  });

  test('unit prices and multipliers render at full precision, never in exponent notation', () => {
    expect(formatDecimal(new Decimal('0.00000000000000000001'))).toBe('0.00000000000000000001');
    expect(formatDecimal(new Decimal('1e25'))).toBe('10000000000000000000000000');
    expect(formatDecimal(new Decimal('-0'))).toBe('0');
  });

  test('minor units follow ISO 4217: USD 2, JPY 0, KWD 3, CLF 4', () => {
    expect(minorUnitsOf('USD')).toBe(2);
    expect(minorUnitsOf('JPY')).toBe(0);
    expect(minorUnitsOf('KWD')).toBe(3);
    expect(minorUnitsOf('CLF')).toBe(4);
  });

  test('unknown or withdrawn currency codes are rejected', () => {
    for (const code of ['XYZ', 'usd', 'HRK', 'XAU', 'XXX', 'toString', '']) expect(isCurrencyCode(code)).toBe(false);
    expect(() => minorUnitsOf('HRK')).toThrow('Unknown ISO 4217 currency code: HRK');
    expect(CURRENCY_CODES.length).toBeGreaterThan(150);
    expect(CURRENCY_CODES).toContain('EUR');
  });

  test('rounding is HALF_UP by default, symmetric for negatives', () => {
    expect(roundMoney(new Decimal('0.125'), 'USD').toString()).toBe('0.13');
    expect(roundMoney(new Decimal('-0.125'), 'USD').toString()).toBe('-0.13');
    expect(roundMoney(new Decimal('2.5'), 'JPY').toString()).toBe('3');
  });

  test('rounding HALF_EVEN (per-portal setting) sends ties to the even digit', () => {
    expect(roundMoney(new Decimal('0.125'), 'USD', 'half-even').toString()).toBe('0.12');
    expect(roundMoney(new Decimal('0.135'), 'USD', 'half-even').toString()).toBe('0.14');
    expect(roundMoney(new Decimal('1.0005'), 'KWD', 'half-even').toString()).toBe('1');
  });

  test('totals render with exactly the currency minor units (0- and 3-decimal currencies)', () => {
    expect(formatMoney(new Decimal('1500'), 0, 'half-up')).toBe('1500');
    expect(formatMoney(new Decimal('1.2345'), 3, 'half-up')).toBe('1.235');
    expect(formatMoney(new Decimal('1876.48'), 2, 'half-up')).toBe('1876.48');
    expect(formatMoney(new Decimal('-0.001'), 2, 'half-up')).toBe('0.00');
    expect(formatMoney(new Decimal('7'), 2, 'half-up')).toBe('7.00');
  });
});
