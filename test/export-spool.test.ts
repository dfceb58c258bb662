import { describe, expect, it } from 'vitest';
import { Spool } from '../src/export/spool.js';

// The spool copies records into 1 MB blocks that are written when full and then reused, and
// reads through reused buffers: every record must come back as it went in, whichever block it
// landed in, while later records are still being added.
describe('export spool', () => {
  it('gives back every part of every record across block boundaries, big records included', async () => {
    const spool = await Spool.open();
    try {
      const records: string[][] = [];
      const refs = [];
      for (let i = 0; i < 3000; i++) {
        // ~1.2 KB of mixed ASCII and Chinese per record: many blocks in all.
        const parts = [
          `{"n":${i}}`,
          `青溪${i}镇 `.repeat(40 + (i % 7)),
          '',
          `x${i}`.repeat(i % 50),
        ];
        records.push(parts);
        refs.push(spool.add(parts));
        if (i % 500 === 0) await spool.room();
      }
      // A record bigger than a block is written on its own.
      const big = ['镇'.repeat(600_000), 'tail'];
      records.push(big);
      refs.push(spool.add(big));
      records.push(['after']);
      refs.push(spool.add(['after']));

      for (const [n, ref] of refs.entries()) {
        const parts = records[n] as string[];
        for (const [p, text] of parts.entries()) {
          expect(spool.length(ref, p)).toBe(Buffer.byteLength(text));
          expect(await spool.read(ref, p)).toBe(text);
        }
      }
      // Neighbouring records read with one call, as a re-run reads its kept reports.
      const many = await spool.readMany(refs.slice(100, 356), 1);
      expect(many).toEqual(records.slice(100, 356).map((r) => r[1]));
      // Reads in between adds see what was added last.
      const late = spool.add(['late', '记录']);
      expect(await spool.read(late, 1)).toBe('记录');
    } finally {
      await spool.close();
    }
  });
});
