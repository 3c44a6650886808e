// Page furniture: the masthead (报头) on page 1 and the folio line (版眉) on the others.
import { Issue, Role } from '../issue/model.js';
import { Face } from '../text/face.js';
import { Item } from './displaylist.js';
import { Grid } from './grid.js';
import { setText, Setter } from './typeset.js';
import { openCache, remembered } from '../cache/store.js';

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** `2025年3月11日 星期二` */
export function dateLine(d: Issue['date']): string {
  const wd = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return `${d.year}年${d.month}月${d.day}日 ${WEEKDAYS[wd]}`;
}

/** `农历乙巳年二月十二`, from ICU's Chinese calendar (no hand-made tables), kept in the cache
 * (loading ICU's calendar costs ~15 ms a run). */
export function lunarLine(d: Issue['date']): string {
  const icu = process.versions.icu ?? 'icu';
  return remembered(openCache(`lunar-${icu}`, icu), `${d.year}-${d.month}-${d.day}`, () => lunarFromIcu(d));
}

function lunarFromIcu(d: Issue['date']): string {
  const fmt = new Intl.DateTimeFormat('zh-CN-u-ca-chinese', { dateStyle: 'full', timeZone: 'UTC' });
  const parts = fmt.formatToParts(new Date(Date.UTC(d.year, d.month - 1, d.day)));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `农历${get('yearName')}年${get('month')}${get('day')}`;
}

export function masthead(issue: Issue, grid: Grid, faces: Record<Role, Face>, set?: Setter): Item[] {
  const layout = issue.layout;
  const items: Item[] = [];
  const x0 = grid.x0;
  const x1 = grid.x0 + grid.width;
  const top = grid.lineTop(0);
  const bandBottom = grid.lineTop(layout.masthead.pitches) - grid.lineGap; // bottom of the band's last line
  // The name: 标宋 at the masthead size, in the left part of the band.
  const nameSize = layout.masthead.nameSize;
  const name = setText(issue.paper.name, faces.masthead, nameSize, 'masthead', undefined, false, set);
  const track = nameSize * 0.08; // a little air between the big characters
  const nameW = name.width + track * (name.count - 1);
  // The artwork, when there is one, takes the box the set name would take (報頭 art replaces type).
  if (issue.paper.logo) items.push({ type: 'logo', file: issue.paper.logo, x: x0, y: top + 4, width: nameW, height: nameSize });
  else items.push(...name.run(x0, top + nameSize * faces.masthead.ascent + 4, track));
  let y = top + nameSize + 14;
  if (issue.paper.nameEn) {
    // Spaced capitals under the name, as wide as the name; word gaps an em.
    const en = setText(issue.paper.nameEn.replace(/ +/g, '\u3000'), faces.mastheadEn, layout.masthead.enSize, 'masthead', undefined, false, set);
    const spacing = Math.max(0, (nameW - en.width) / Math.max(1, en.count - 1));
    items.push(...en.run(x0, y + layout.masthead.enSize * 0.8, Math.min(spacing, layout.masthead.enSize * 0.8)));
    y += layout.masthead.enSize + 6;
  }
  // Info lines in a ruled box at the right edge.
  const info = issue.paper.info;
  let boxLeft = x1;
  if (info.length) {
    const size = layout.masthead.infoSize;
    const lead = size * 1.7;
    const texts = info.map((t) => setText(t, faces.mastheadInfo, size, 'masthead', undefined, false, set));
    const w = Math.max(...texts.map((t) => t.width)) + 2 * size;
    const bx = x1 - w;
    const by = top + 6;
    const bh = lead * info.length + size;
    boxLeft = bx;
    items.push(...box(bx, by, w, bh, 0.5));
    texts.forEach((t, i) => items.push(...t.run(bx + size, by + size * 0.5 + lead * i + size * 0.88 + (lead - size) / 2)));
  }
  // Date block between the name and the info box: date, lunar date, pages and number, sponsor.
  // On a narrow page (a tabloid) the block is set smaller so that it keeps clear of both.
  const left = x0 + nameW;
  const MIN_AIR = 16; // pt of white either side of the block
  const rowsAt = (scale: number) => [
    { text: dateLine(issue.date), face: faces.folio, size: 16 * scale, gap: 12 * scale },
    { text: lunarLine(issue.date), face: faces.mastheadInfo, size: 12 * scale, gap: 10 * scale },
    { text: `今日${issue.pageCount}版\u3000总第${issue.number}期`, face: faces.mastheadInfo, size: 12 * scale, gap: 10 * scale },
  ];
  const widthAt = (scale: number) => Math.max(...rowsAt(scale).map((r) => setText(r.text, r.face, r.size, 'masthead', undefined, false, set).width));
  const room = boxLeft - left - 2 * MIN_AIR;
  const scale = widthAt(1) <= room ? 1 : Math.max(0.5, Math.floor((room / widthAt(1)) * 100) / 100);
  const rows = rowsAt(scale);
  const sets = rows.map((r) => setText(r.text, r.face, r.size, 'masthead', undefined, false, set));
  const blockW = Math.max(...sets.map((s) => s.width));
  const dx = left + Math.max(scale < 1 ? MIN_AIR : 24, (boxLeft - left - blockW) / 2);
  let dy = top + 22 * scale;
  rows.forEach((r, i) => {
    items.push(...sets[i].run(dx, dy + r.size * 0.88));
    dy += r.size + r.gap;
  });
  if (issue.paper.sponsor) {
    const s = setText(issue.paper.sponsor, faces.mastheadInfo, 9, 'masthead', undefined, false, set);
    items.push(...s.run(Math.min(dx, x1 - s.width), bandBottom - 9 - 9 * 0.12));
  }
  items.push(...wenwu(x0, x1, bandBottom + grid.lineGap / 2 - 2.8));
  return items;
}

/** 文武线: a 1.5-pt rule and a 0.3-pt rule, 1 pt apart. */
export function wenwu(x0: number, x1: number, y: number): Item[] {
  return [
    { type: 'rule', x1: x0, y1: y, x2: x1, y2: y, width: 1.5 },
    { type: 'rule', x1: x0, y1: y + 0.75 + 1 + 0.15, x2: x1, y2: y + 0.75 + 1 + 0.15, width: 0.3 },
  ];
}

function box(x: number, y: number, w: number, h: number, lw: number): Item[] {
  return [
    { type: 'rule', x1: x, y1: y, x2: x + w, y2: y, width: lw },
    { type: 'rule', x1: x, y1: y + h, x2: x + w, y2: y + h, width: lw },
    { type: 'rule', x1: x, y1: y, x2: x, y2: y + h, width: lw },
    { type: 'rule', x1: x + w, y1: y, x2: x + w, y2: y + h, width: lw },
  ];
}

/** 版眉: 第N版 and section at the outer edge, paper name centred, date and editor inside; 眉线 below. */
export function folio(issue: Issue, pageNo: number, section: string | undefined, editor: string | undefined, grid: Grid, faces: Record<Role, Face>, set?: Setter): Item[] {
  const spec = issue.layout.folio;
  const items: Item[] = [];
  const x0 = grid.x0;
  const x1 = grid.x0 + grid.width;
  const base = grid.lineTop(spec.pitches - 1) + grid.size * 0.88; // baseline of the folio's last pitch
  const outerLeft = pageNo % 2 === 0; // even pages: outer edge is the left
  const num = setText(`第${pageNo}版`, faces.folio, spec.numberSize, 'folio', undefined, false, set);
  const sec = section ? setText(section, faces.folioSection, spec.sectionSize, 'folio', undefined, false, set) : null;
  const outerW = num.width + (sec ? 12 + sec.width : 0);
  const ox = outerLeft ? x0 : x1 - outerW;
  items.push(...num.run(ox, base));
  if (sec) items.push(...sec.run(ox + num.width + 12, base));
  const paper = setText(issue.paper.name, faces.folioPaper, spec.paperSize, 'folio', undefined, false, set);
  items.push(...paper.run(x0 + (grid.width - paper.width) / 2, base));
  const meta = [dateLine(issue.date), editor].filter(Boolean).join('\u3000');
  const m = setText(meta, faces.body, spec.metaSize, 'folio', undefined, false, set);
  items.push(...m.run(outerLeft ? x1 - m.width : x0, base));
  const ry = grid.lineTop(spec.pitches - 1) + grid.size + grid.lineGap / 2 + 2;
  items.push({ type: 'rule', x1: x0, y1: ry, x2: x1, y2: ry, width: spec.ruleWidth });
  return items;
}
