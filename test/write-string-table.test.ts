import { describe, expect, it } from 'vitest';
import { StringTable } from '../src/write/string-table.js';

describe('string table', () => {
  it('agrees with a Map over 50,000 puts, replacements and deletions (growing as it goes)', () => {
    const table = new StringTable<number>();
    const map = new Map<string, number>();
    for (let i = 0; i < 50_000; i++) {
      const name = `2025Q${(i % 4) + 1}-青溪${i % 20_000}镇-季度工作汇报.docx`;
      table.set(name, i);
      map.set(name, i);
      if (i % 7 === 0) {
        const gone = `2025Q1-青溪${(i * 3) % 20_000}镇-季度工作汇报.docx`;
        table.delete(gone);
        map.delete(gone);
      }
    }
    expect(table.size).toBe(map.size);
    for (const [name, value] of map) expect(table.get(name), name).toBe(value);
    expect(table.get('2025Q1-青溪3镇-季度工作汇报.docx')).toBe(
      map.get('2025Q1-青溪3镇-季度工作汇报.docx'),
    );
    expect(table.has('nothing.md')).toBe(false);
    expect(new Map(table.entries())).toEqual(map);
  });

  it('finds names by their key and keeps the last name given for a key', () => {
    const table = new StringTable<string>((name) => name.toLowerCase());
    table.set('AB县.md', 'first');
    expect(table.name('ab县.md')).toBe('AB县.md');
    table.set('ab县.md', 'second');
    expect(table.name('ab县.md')).toBe('ab县.md');
    expect(table.get('ab县.md')).toBe('second');
    expect(table.size).toBe(1);
    table.delete('ab县.md');
    expect(table.name('ab县.md')).toBeUndefined();
    expect([...table.entries()]).toEqual([]);
  });

  it('holds names without values (a set of names) through growth and deletions', () => {
    const table = new StringTable<never>((name) => name.toLowerCase());
    for (let i = 0; i < 5_000; i++) table.add(`2025Q1-青溪${i}镇-季度工作汇报.MD`);
    table.delete('2025q1-青溪7镇-季度工作汇报.md');
    expect(table.size).toBe(4_999);
    expect(table.has('2025q1-青溪4999镇-季度工作汇报.md')).toBe(true);
    expect(table.name('2025q1-青溪0镇-季度工作汇报.md')).toBe('2025Q1-青溪0镇-季度工作汇报.MD');
    expect(table.has('2025q1-青溪7镇-季度工作汇报.md')).toBe(false);
    expect(table.get('2025q1-青溪1镇-季度工作汇报.md')).toBeUndefined();
    expect([...table.entries()].length).toBe(4_999);
  });
});
