/**
 * A strict little XML 1.0 well-formedness check for formatter tests (no DTDs, no CDATA, no
 * processing instructions other than the declaration): returns the first problem, or undefined.
 * It also returns the element tree so tests can look inside.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = '[A-Za-z_:][-A-Za-z0-9_:.]*';
const XML_CHARS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;
const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/g;

const decode = (s: string): string =>
  s.replace(ENTITY, (e) => {
    const named: Record<string, string> = {
      '&amp;': '&',
      '&lt;': '<',
      '&gt;': '>',
      '&quot;': '"',
      '&apos;': "'",
    };
    if (named[e]) return named[e];
    const hex = e.startsWith('&#x');
    return String.fromCodePoint(parseInt(e.slice(hex ? 3 : 2, -1), hex ? 16 : 10));
  });

export function parseXml(xml: string): { root?: XmlElement; error?: string } {
  if (!XML_CHARS.test(xml)) return { error: 'character not allowed in XML 1.0' };
  let rest = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  const checkText = (t: string): string | undefined => {
    if (t.replace(ENTITY, '').includes('&')) return `bad entity in ${JSON.stringify(t)}`;
    if (t.includes('>') && t.includes(']]>')) return ']]> in text';
    return undefined;
  };
  const tagRe = new RegExp(`^<(/?)(${NAME})((?:\\s+${NAME}\\s*=\\s*"[^"<]*")*)\\s*(/?)>`);
  const attrRe = new RegExp(`(${NAME})\\s*=\\s*"([^"<]*)"`, 'g');
  while (rest.length > 0) {
    const lt = rest.indexOf('<');
    const text = lt === -1 ? rest : rest.slice(0, lt);
    if (text) {
      const bad = checkText(text);
      if (bad) return { error: bad };
      const top = stack[stack.length - 1];
      if (!top && text.trim()) return { error: 'text outside the root element' };
      if (top) top.text += decode(text);
    }
    if (lt === -1) break;
    rest = rest.slice(lt);
    const m = tagRe.exec(rest);
    if (!m) return { error: `malformed tag at ${JSON.stringify(rest.slice(0, 40))}` };
    const [whole, closing, name = '', attrText = '', selfClosing] = m;
    rest = rest.slice(whole.length);
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name)
        return { error: `</${name}> does not close <${open?.name}>` };
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of attrText.matchAll(attrRe)) {
      const [, key = '', value = ''] = a;
      if (key in attributes) return { error: `duplicate attribute ${key}` };
      const bad = checkText(value);
      if (bad) return { error: bad };
      attributes[key] = decode(value);
    }
    const el: XmlElement = { name, attributes, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else if (root) return { error: 'more than one root element' };
    else root = el;
    if (!selfClosing) stack.push(el);
  }
  if (stack.length > 0) return { error: `<${stack[stack.length - 1]?.name}> not closed` };
  if (!root) return { error: 'no root element' };
  return { root };
}
