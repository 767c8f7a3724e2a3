/**
 * Icon-only buttons (`<button>`, `<Button>`, `<IconButton>`, `role="button"`) and whether they have an
 * accessible name. A button is judged only when every
 * thing it shows is known to be an icon: an `<svg>`, an `<img>`, an empty `<i>`/`<span>` (icon
 * fonts), or a component that is an icon by its name (`TrashIcon`, `IconX`) or by where it is imported
 * from (lucide-react, react-icons, heroicons, MUI icons, a local `icons` module, an `.svg` file).
 * Anything else (a `{label}` child, an unknown component, a spread of props, a tooltip wrapper or
 * `<label>` that may name it) cannot be ruled out, and the button is skipped.
 */
import type { Evidence } from '../../core/evidence.js';
import type { CodeModel, JsxElement, JsxAttribute } from '../code/model.js';
import type { RepoContext } from '../repo.js';
import type { AppShell } from './apps.js';

const ICON_MODULE = /^(lucide-react|react-icons(\/.*)?|@heroicons\/react(\/.*)?|@mui\/icons-material(\/.*)?|@material-ui\/icons(\/.*)?|@tabler\/icons-react|@radix-ui\/react-icons|@fortawesome\/react-fontawesome|phosphor-react|@phosphor-icons\/react|react-feather|@ant-design\/icons|@chakra-ui\/icons|@iconify\/react|@primer\/octicons-react)$|(^|\/)icons?(\/|$|\.)|\.svg(\?.*)?$/i;
const NAMING_ATTRIBUTES = new Set(['aria-label', 'aria-labelledby', 'title']);
/** Props through which a button component may render its own text: such buttons cannot be judged. */
const LABEL_PROPS = new Set(['label', 'text', 'tooltip', 'value']);
const SVG_PARTS = new Set(['path', 'g', 'circle', 'rect', 'line', 'polyline', 'polygon', 'ellipse', 'use', 'defs', 'clipPath', 'mask', 'symbol', 'linearGradient', 'radialGradient', 'stop']);

type Verdict = 'icon' | 'named' | 'unknown';

const last = (name: string) => name.slice(name.lastIndexOf('.') + 1);
const attr = (e: JsxElement, name: string): JsxAttribute | undefined => e.attributes.find((a) => a.name === name);

/** A name given by an attribute: a non-empty string, or an expression (it may be empty, but most are not). */
function gives(a: JsxAttribute | undefined): boolean {
  if (!a?.value) return false;
  return a.value.kind === 'string' ? (a.value.value ?? '').trim() !== '' : a.value.kind !== 'none';
}

function hasName(e: JsxElement): boolean {
  return e.attributes.some((a) => NAMING_ATTRIBUTES.has(a.name) && gives(a));
}

function iconComponents(m: CodeModel): Set<string> {
  const out = new Set<string>();
  for (const i of m.imports) if (ICON_MODULE.test(i.module)) for (const n of i.names) if (n !== 'default' && n !== '*') out.add(n);
  return out;
}

/** What one element inside a button contributes to its accessible name. */
function verdict(m: CodeModel, e: JsxElement, icons: Set<string>): Verdict {
  if (e.attributes.some((a) => a.spread || a.name === 'dangerouslySetInnerHTML' || a.name === 'children')) return 'unknown';
  if (e.hasText) return 'unknown';
  if (hasName(e)) return 'named';
  const name = e.name;
  if (name === 'svg') {
    // <svg><title>Delete</title>…</svg> names the icon.
    return e.children.some((k) => m.jsxElements[k].name === 'title') ? 'named' : 'icon';
  }
  if (name === 'img') return gives(attr(e, 'alt')) ? 'named' : 'icon';
  if (name === 'i' || name === 'span' || name === 'div') {
    if (e.children.length === 0) return name === 'div' ? 'unknown' : 'icon';
    return combine(m, e.children, icons);
  }
  const first = name.split('.')[0];
  const tail = last(name);
  if (/^[A-Z]/.test(tail) && (tail.endsWith('Icon') || /^Icon[A-Z0-9]/.test(tail) || icons.has(first) || /^icons?$/i.test(first))) return 'icon';
  if (SVG_PARTS.has(name)) return 'icon';
  return 'unknown';
}

function combine(m: CodeModel, children: number[], icons: Set<string>): Verdict {
  let out: Verdict = 'icon';
  for (const k of children) {
    const v = verdict(m, m.jsxElements[k], icons);
    if (v === 'unknown') return 'unknown';
    if (v === 'named') out = 'named';
  }
  return out;
}

function isButton(e: JsxElement): boolean {
  const tail = last(e.name);
  // `Button` of UI kits (react-bootstrap, MUI, Chakra, shadcn) renders a <button> around its children.
  if (e.name === 'button' || tail === 'IconButton' || tail === 'Button') return !e.attributes.some((a) => LABEL_PROPS.has(a.name));
  const role = attr(e, 'role')?.value;
  return role?.kind === 'string' && role.value === 'button';
}

/**
 * Names that come from outside the element: MUI's `<Tooltip title>` names its child (other tooltip
 * wrappers might), and a `<label>` names a button inside it or the one its `htmlFor` points at.
 */
function namedFromOutside(m: CodeModel, e: JsxElement): boolean {
  for (let p = e.parent; p >= 0; p = m.jsxElements[p].parent) {
    const name = m.jsxElements[p].name;
    if (name.includes('Tooltip') || name === 'label') return true;
  }
  return !!attr(e, 'id') && m.jsxElements.some((l) => l.name === 'label' && attr(l, 'htmlFor'));
}

export function collectIconButtons(repo: RepoContext, shell: AppShell): { unlabelled: Evidence[]; labelled: Evidence[] } {
  const unlabelled: Evidence[] = [];
  const labelled: Evidence[] = [];
  for (const m of shell.models) {
    if (m.jsxElements.length === 0) continue;
    const icons = iconComponents(m);
    for (const e of m.jsxElements) {
      if (!isButton(e) || e.children.length === 0 || e.hasText) continue;
      if (e.attributes.some((a) => a.spread || a.name === 'children' || a.name === 'dangerouslySetInnerHTML')) continue;
      const contents = combine(m, e.children, icons);
      if (contents === 'unknown' || namedFromOutside(m, e)) continue;
      const ev = repo.ev(m.file, e.line, { note: `<${e.name}> shows only an icon` });
      if (hasName(e) || contents === 'named') labelled.push(ev);
      else unlabelled.push(ev);
    }
  }
  return { unlabelled, labelled };
}
