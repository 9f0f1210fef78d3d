// A tiny XML writer for the emulator's responses. Everything the AWS wire formats need is elements
// with text or child elements, so a builder over strings with one escaping rule is enough.

/** Already-rendered XML markup; plain strings are always escaped as text. */
export class Xml {
  constructor(readonly markup: string) {}
  toString(): string {
    return this.markup;
  }
}

export type XmlContent = Xml | readonly Xml[] | string | number | boolean | Date | null | undefined;

const EMPTY = new Xml('');

/**
 * Escapes text for element content and attribute values. Carriage returns and tabs are written as
 * character references because XML parsers would otherwise normalise them away; other C0 controls
 * are not allowed in XML 1.0 at all, so they are written as references too (as S3 does).
 */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f]/g, (ch) => {
    switch (ch) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return `&#${ch.charCodeAt(0)};`;
    }
  });
}

function renderContent(content: Exclude<XmlContent, null | undefined>): string {
  if (content instanceof Xml) return content.markup;
  if (Array.isArray(content)) return content.map((child: Xml) => child.markup).join('');
  if (content instanceof Date) return content.toISOString();
  return escapeXml(String(content));
}

/** `<name>content</name>`; an undefined or null value leaves the element out entirely. */
export function el(name: string, content: XmlContent): Xml {
  if (content === undefined || content === null) return EMPTY;
  return new Xml(`<${name}>${renderContent(content as Exclude<XmlContent, null | undefined>)}</${name}>`);
}

/** Several elements in a row. */
export function seq(...children: Xml[]): Xml {
  return new Xml(children.map((child) => child.markup).join(''));
}

/** A wrapped list: `<Wrapper><Member>…</Member>…</Wrapper>`, always present even when empty. */
export function list<T>(wrapper: string, member: string, items: readonly T[], render: (item: T) => XmlContent): Xml {
  return el(wrapper, items.map((item) => el(member, render(item))));
}

/** The whole document with its declaration and a namespaced root element. */
export function document(root: string, namespace: string | undefined, body: Xml): string {
  const xmlns = namespace ? ` xmlns="${escapeXml(namespace)}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${xmlns}>${body.markup}</${root}>`;
}
