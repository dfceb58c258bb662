/**
 * exceljs zips the workbook with the current time on every entry, so two runs on the same plan
 * would differ in a few bytes. This sets the DOS date and time of every entry (local header and
 * central directory) to one fixed moment, in place, so the same plan gives the same bytes.
 */
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;

/** DOS time and date words of `iso` (YYYY-MM-DD), at midnight. */
function dosStamp(iso: string): { time: number; date: number } {
  const [year = 1980, month = 1, day = 1] = iso.split('-').map(Number);
  return { time: 0, date: ((Math.max(year, 1980) - 1980) << 9) | (month << 5) | day };
}

/** Rewrites the entry dates of a zip archive to `iso`; archives it cannot read are left alone. */
export function fixZipDates(bytes: Uint8Array, iso: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL) {
      end = i;
      break;
    }
  }
  if (end < 0) return bytes;
  const { time, date } = dosStamp(iso);
  const entries = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  for (let n = 0; n < entries; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_HEADER) return bytes;
    view.setUint16(at + 12, time, true);
    view.setUint16(at + 14, date, true);
    const local = view.getUint32(at + 42, true);
    if (local + 30 <= bytes.length && view.getUint32(local, true) === LOCAL_HEADER) {
      view.setUint16(local + 10, time, true);
      view.setUint16(local + 12, date, true);
    }
    at +=
      46 +
      view.getUint16(at + 28, true) +
      view.getUint16(at + 30, true) +
      view.getUint16(at + 32, true);
  }
  return bytes;
}
