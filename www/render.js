// Shows a description explained line by line: a table per part (session, then each m-section) and
// a legend of the highlighting categories used. Offers and answers are shown alike.

import { CATEGORIES, explainSdp } from './explain.js';

function element(tag, properties = {}, children = []) {
  const node = Object.assign(document.createElement(tag), properties);
  node.append(...children);
  return node;
}

function renderLine(line) {
  const refs = line.refs.flatMap((ref, i) => [
    i === 0 ? ' ' : ', ',
    element('a', { href: ref.href, textContent: ref.label, target: '_blank', rel: 'noopener' }),
  ]);
  return element('tr', { className: line.category }, [
    element('td', { className: 'number', textContent: String(line.number) }),
    element('td', { className: 'line sdp-line' }, [
      element('span', { className: 'key', textContent: line.key }),
      line.rest,
    ]),
    element('td', { className: 'meaning' }, [line.meaning, ...refs]),
  ]);
}

function renderPart(part, index) {
  const simulcast = part.lines.find((line) => line.key === 'a=simulcast');
  const facts = [
    part.mid !== null && `mid ${part.mid}`,
    part.direction,
    simulcast && `simulcast ${simulcast.rest.slice(1)}`,
    `${part.lines.length} lines`,
  ].filter(Boolean);
  const title = part.kind === 'session' ? 'Session' : `m-section ${index - 1}: ${part.kind}`;
  const table = element('table', { className: 'sdp' }, [
    element('colgroup', {}, [
      element('col', { className: 'number' }),
      element('col', { className: 'line' }),
      element('col', { className: 'meaning' }),
    ]),
    element('thead', { className: 'visually-hidden' }, [
      element(
        'tr',
        {},
        ['Line number', 'SDP line', 'Meaning'].map((text) => element('th', { scope: 'col', textContent: text })),
      ),
    ]),
    element('tbody', {}, part.lines.map(renderLine)),
  ]);
  return element('details', { className: 'part', open: true }, [
    element('summary', {}, [title, element('span', { className: 'facts', textContent: facts.join(' · ') })]),
    table,
  ]);
}

/**
 * Fills `parts` with `sdp` (an offer or answer, as `description` says) explained, and `legend` with
 * the categories its lines use.
 */
export function renderDescription(sdp, description, { legend, parts }) {
  const explained = explainSdp(sdp, description);
  const used = new Set(explained.flatMap((part) => part.lines.map((line) => line.category)));
  legend.replaceChildren(
    ...Object.entries(CATEGORIES)
      .filter(([category]) => used.has(category))
      .map(([category, label]) => element('li', { textContent: label, style: `--swatch: var(--${category})` })),
  );
  parts.replaceChildren(...explained.map(renderPart));
}
