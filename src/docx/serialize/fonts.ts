import type { StyleProfile } from '../profile.js';
import { escapeXml } from '../text.js';

/**
 * Facts about common fonts for `word/fontTable.xml`: Word and WPS use panose, charset and pitch
 * to pick a look-alike when a font is missing, and `w:altName` as the first substitute.
 * (Data about the fonts, not layout settings, so it lives here rather than in the profile.)
 */
interface FontFacts {
  panose: string;
  /** 86 = GB2312, 00 = ANSI. */
  charset: string;
  family: 'roman' | 'swiss' | 'modern' | 'script' | 'decorative' | 'auto';
  pitch: 'fixed' | 'variable';
}

const CHINESE: FontFacts = {
  panose: '02010609060101010101',
  charset: '86',
  family: 'modern',
  pitch: 'fixed',
};

const KNOWN: Record<string, FontFacts> = {
  'Times New Roman': {
    panose: '02020603050405020304',
    charset: '00',
    family: 'roman',
    pitch: 'variable',
  },
  'Courier New': {
    panose: '02070309020205020404',
    charset: '00',
    family: 'modern',
    pitch: 'fixed',
  },
  宋体: { ...CHINESE, panose: '02010600030101010101', family: 'auto', pitch: 'variable' },
  黑体: CHINESE,
  仿宋: { ...CHINESE, panose: '02010609060101010101' },
  仿宋_GB2312: { ...CHINESE, panose: '02010609030101010101' },
  楷体: { ...CHINESE, panose: '02010609060101010101' },
  楷体_GB2312: { ...CHINESE, panose: '02010609030101010101' },
  方正小标宋简体: {
    ...CHINESE,
    panose: '02000000000000000000',
    family: 'script',
    pitch: 'variable',
  },
};

const isChinese = (name: string): boolean => /[\u4e00-\u9fff]/.test(name);

/** Every font the profile names for text, in a stable order. */
export function profileFonts(profile: StyleProfile): string[] {
  const s = profile.styles;
  const names = [
    profile.fonts.latin,
    s.body.font,
    s.title.font,
    s.subtitle.font,
    s.heading1.font,
    s.heading2.font,
    s.heading3.font,
    s.heading4.font,
    s.attachmentLabel.font,
    s.signature.font,
    s.table.font,
    s.table.headerFont,
    s.code.font,
    s.code.latinFont,
    s.chart.font,
    s.pageNumber.font,
  ];
  return [...new Set(names)];
}

export function fontTableXml(profile: StyleProfile): string {
  const entries = profileFonts(profile).map((name) => {
    const facts =
      KNOWN[name] ??
      (isChinese(name)
        ? CHINESE
        : { panose: '00000000000000000000', charset: '00', family: 'auto', pitch: 'variable' });
    const alt = profile.fonts.fallbacks[name]?.[0];
    return (
      `<w:font w:name="${escapeXml(name)}">` +
      (alt ? `<w:altName w:val="${escapeXml(alt)}"/>` : '') +
      `<w:panose1 w:val="${facts.panose}"/><w:charset w:val="${facts.charset}"/>` +
      `<w:family w:val="${facts.family}"/><w:pitch w:val="${facts.pitch}"/></w:font>`
    );
  });
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    entries.join('') +
    '</w:fonts>'
  );
}

/**
 * A fontconfig file that makes the profile's fallbacks real on Linux: LibreOffice ignores
 * `w:altName`, but asks fontconfig, so each GB font name is aliased to its fallbacks in order.
 * Use it with `FONTCONFIG_FILE=… soffice …` or copy the aliases to ~/.config/fontconfig/fonts.conf.
 */
export function fontconfigXml(profile: StyleProfile): string {
  const aliases = Object.entries(profile.fonts.fallbacks).map(
    ([name, fallbacks]) =>
      `  <alias binding="same"><family>${escapeXml(name)}</family><prefer>` +
      fallbacks.map((f) => `<family>${escapeXml(f)}</family>`).join('') +
      '</prefer></alias>',
  );
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ...aliases,
    '</fontconfig>',
    '',
  ].join('\n');
}
