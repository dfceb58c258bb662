import type { Block, DocModel, XyChart } from '../model.js';
import type { StyleProfile } from '../profile.js';
import { escapeXml } from '../text.js';
import { chartPartXml } from './chart.js';
import {
  blankFooterRel,
  blankFooterXml,
  documentXml,
  footerXml,
  needsBlankFooter,
  REL,
} from './document.js';
import { fontTableXml } from './fonts.js';
import { settingsXml, stylesXml } from './styles.js';
import { packEntry, packRepeatedEntry, zipEntries, type PackedEntry } from './zip.js';

export interface DocMeta {
  title: string;
  /** Written as dcterms:created/modified, so the same input always gives the same bytes. */
  date: Date;
  creator?: string;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument';

function contentTypesXml(charts: number, blankFooter: boolean): string {
  const override = (part: string, type: string): string =>
    `<Override PartName="${part}" ContentType="${type}"/>`;
  return (
    XML_HEAD +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override('/word/document.xml', `${CT}.wordprocessingml.document.main+xml`) +
    override('/word/styles.xml', `${CT}.wordprocessingml.styles+xml`) +
    override('/word/settings.xml', `${CT}.wordprocessingml.settings+xml`) +
    override('/word/fontTable.xml', `${CT}.wordprocessingml.fontTable+xml`) +
    override('/word/footer1.xml', `${CT}.wordprocessingml.footer+xml`) +
    override('/word/footer2.xml', `${CT}.wordprocessingml.footer+xml`) +
    Array.from({ length: charts }, (_, i) =>
      override(`/word/charts/chart${i + 1}.xml`, `${CT}.drawingml.chart+xml`),
    ).join('') +
    (blankFooter ? override('/word/footer3.xml', `${CT}.wordprocessingml.footer+xml`) : '') +
    override('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml') +
    override('/docProps/app.xml', `${CT}.extended-properties+xml`) +
    '</Types>'
  );
}

const relationship = (id: string, type: string, target: string): string =>
  `<Relationship Id="${id}" Type="${REL_NS}/${type}" Target="${target}"/>`;

function packageRelsXml(): string {
  return (
    XML_HEAD +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    relationship('rId1', 'officeDocument', 'word/document.xml') +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    relationship('rId3', 'extended-properties', 'docProps/app.xml') +
    '</Relationships>'
  );
}

function documentRelsXml(charts: number, blankFooter: boolean): string {
  return (
    XML_HEAD +
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    relationship(REL.styles, 'styles', 'styles.xml') +
    relationship(REL.settings, 'settings', 'settings.xml') +
    relationship(REL.fontTable, 'fontTable', 'fontTable.xml') +
    relationship(REL.footerOdd, 'footer', 'footer1.xml') +
    relationship(REL.footerEven, 'footer', 'footer2.xml') +
    Array.from({ length: charts }, (_, i) =>
      relationship(`rId${REL.firstChart + i}`, 'chart', `charts/chart${i + 1}.xml`),
    ).join('') +
    (blankFooter ? relationship(blankFooterRel(charts), 'footer', 'footer3.xml') : '') +
    '</Relationships>'
  );
}

/** W3CDTF without milliseconds, as Word writes it. */
const w3cdtf = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function coreXml(meta: DocMeta): string {
  const when = w3cdtf(meta.date);
  const creator = escapeXml(meta.creator ?? 'fangan');
  return (
    XML_HEAD +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(meta.title)}</dc:title><dc:creator>${creator}</dc:creator>` +
    `<cp:lastModifiedBy>${creator}</cp:lastModifiedBy><dc:language>zh-CN</dc:language>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

function appXml(): string {
  return (
    XML_HEAD +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">' +
    '<Application>fangan</Application><DocSecurity>0</DocSecurity></Properties>'
  );
}

/** The parts that depend on the profile only: built once per profile object. */
interface ProfileParts {
  styles: string;
  settings: string;
  fontTable: string;
  footerOdd: string;
  footerEven: string;
}
const profileParts = new WeakMap<StyleProfile, ProfileParts>();

function partsOf(profile: StyleProfile): ProfileParts {
  let parts = profileParts.get(profile);
  if (!parts) {
    parts = {
      styles: stylesXml(profile),
      settings: settingsXml(),
      fontTable: fontTableXml(profile),
      footerOdd: footerXml(profile, 'odd'),
      footerEven: footerXml(profile, 'even'),
    };
    profileParts.set(profile, parts);
  }
  return parts;
}

// Module level, not a closure per call: V8 drops a per-call closure's optimised code at every
// full GC and the render worker compiled it again all run long.
const chartsOf = (block: Block): XyChart[] => (block.type === 'chart' ? [block.chart] : []);

/** Every part of the package, path -> XML, in the order they go into the zip. */
export function packageParts(
  model: DocModel,
  profile: StyleProfile,
  meta: DocMeta,
): [string, string][] {
  const charts: XyChart[] = model.blocks.flatMap(chartsOf);
  const fixed = partsOf(profile);
  const blank = needsBlankFooter(model.blocks, profile);
  return [
    ['[Content_Types].xml', contentTypesXml(charts.length, blank)],
    ['_rels/.rels', packageRelsXml()],
    ['docProps/core.xml', coreXml(meta)],
    ['docProps/app.xml', appXml()],
    ['word/document.xml', documentXml(model.blocks, profile)],
    ['word/_rels/document.xml.rels', documentRelsXml(charts.length, blank)],
    ['word/styles.xml', fixed.styles],
    ['word/settings.xml', fixed.settings],
    ['word/fontTable.xml', fixed.fontTable],
    ['word/footer1.xml', fixed.footerOdd],
    ['word/footer2.xml', fixed.footerEven],
    ...(blank ? [['word/footer3.xml', blankFooterXml()] as [string, string]] : []),
    ...charts.map((chart, i): [string, string] => [
      `word/charts/chart${i + 1}.xml`,
      chartPartXml(chart, profile),
    ]),
  ];
}

/** Parts that change from document to document; every other part is compressed once per run. */
const isPerDocument = (name: string): boolean =>
  name === 'word/document.xml' || name === 'docProps/core.xml' || name.startsWith('word/charts/');

const packPart = ([name, xml]: [string, string]): PackedEntry =>
  isPerDocument(name) ? packEntry(name, xml) : packRepeatedEntry(name, xml);

/** Zips the parts deterministically: fixed order, fixed timestamps, fixed compression level. */
export function packDocx(parts: [string, string][]): Uint8Array {
  return zipEntries(parts.map(packPart));
}
