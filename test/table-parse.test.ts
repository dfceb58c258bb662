/** The forgiving readers behind `progress import`, and the zip date fix behind identical bytes. */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseStatus, quarterKeyOfSheet, quarterSheetName } from '../src/table/layout.js';
import { chineseNumber, columnLetters } from '../src/table/read.js';
import { fixZipDates } from '../src/table/zip-dates.js';
import { quarter } from '../src/model/calendar.js';

describe('cell readers', () => {
  it('reads Chinese numerals as people write percentages', () => {
    expect(chineseNumber('七十五')).toBe(75);
    expect(chineseNumber('十五')).toBe(15);
    expect(chineseNumber('二十')).toBe(20);
    expect(chineseNumber('一百')).toBe(100);
    expect(chineseNumber('百分之八十')).toBe(80);
    expect(chineseNumber('零')).toBe(0);
    expect(chineseNumber('两百')).toBe(200);
    expect(chineseNumber('一半')).toBeUndefined();
    expect(chineseNumber('')).toBeUndefined();
  });

  it('reads a status in Chinese or English, whatever the spaces', () => {
    expect(parseStatus(' 推进中 ')).toBe('in_progress');
    expect(parseStatus('推 进 中')).toBe('in_progress');
    expect(parseStatus('\u3000已完成')).toBe('done');
    expect(parseStatus('进行中')).toBe('in_progress');
    expect(parseStatus('未开始')).toBe('not_started');
    expect(parseStatus('In-Progress')).toBe('in_progress');
    expect(parseStatus('cancelled')).toBe('cancelled');
    expect(parseStatus('差不多')).toBeUndefined();
  });

  it('names quarter sheets and reads the quarter back', () => {
    const q = quarter(2026, 3);
    expect(quarterSheetName(q)).toBe('2026年第三季度进展');
    expect(quarterKeyOfSheet(quarterSheetName(q))).toBe('2026Q3');
    expect(quarterKeyOfSheet('2025年第1季度')).toBe('2025Q1');
    expect(quarterKeyOfSheet('任务分工表')).toBeUndefined();
  });

  it('spells column letters', () => {
    expect([1, 15, 26, 27, 52, 703].map(columnLetters)).toEqual(['A', 'O', 'Z', 'AA', 'AZ', 'AAA']);
  });
});

describe('fixZipDates', () => {
  it('gives every entry the same date, so equal content gives equal bytes', async () => {
    const make = async (date: Date) => {
      const zip = new JSZip();
      zip.file('a.xml', '<a/>', { date });
      zip.file('dir/b.xml', '<b/>', { date });
      return new Uint8Array(
        await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }),
      );
    };
    const a = await make(new Date(2020, 1, 3, 4, 5, 6));
    const b = await make(new Date(2024, 6, 7, 8, 9, 10));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    const fixedA = fixZipDates(a, '2025-01-15');
    const fixedB = fixZipDates(b, '2025-01-15');
    expect(Buffer.from(fixedA).equals(Buffer.from(fixedB))).toBe(true);
    const back = await JSZip.loadAsync(fixedA);
    for (const f of Object.values(back.files)) {
      expect([f.date.getUTCFullYear(), f.date.getUTCMonth() + 1, f.date.getUTCDate()]).toEqual([
        2025, 1, 15,
      ]);
    }
    expect(await back.file('dir/b.xml')!.async('string')).toBe('<b/>');
  });

  it('leaves bytes that are not a zip alone', () => {
    const bytes = new TextEncoder().encode('not a zip archive at all, just text');
    expect(Buffer.from(fixZipDates(bytes.slice(), '2025-01-15')).equals(Buffer.from(bytes))).toBe(
      true,
    );
  });
});
