import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { EvidenceBundle, ExportedAuditRow } from './bundle';

/**
 * DejaVu Sans covers Latin (with every European extension), Greek, Cyrillic, Armenian, Georgian and
 * Hebrew; it has no Chinese, Japanese or Korean glyphs, which print as empty boxes (the JSON bundle
 * keeps every name exactly).
 */
const fonts = (() => {
  const require = createRequire(import.meta.url);
  return {
    body: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
    bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
    mono: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
  };
})();

export interface PackImage {
  key: string;
  label: string;
  bytes?: Uint8Array;
  /** Why the image is not in the pack (the provider could not serve it, or refused). */
  error?: string;
}

/** Provider fields printed per case; more are left to the JSON bundle so a hostile payload stays bounded. */
const MAX_PROVIDER_FIELDS = 1500;
const MAX_VALUE_CHARS = 300;

const MARGIN = 48;

/** Our own PDF of the case: summary, subject, scores and thresholds, images, decision trail, audit rows. */
export function renderEvidencePdf(
  bundle: EvidenceBundle,
  bundleJson: string,
  bundleSha256: string,
  images: PackImage[],
): Promise<Buffer> {
  const detail = bundle.case;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `Evidence pack, case ${detail.id}`,
      Author: 'Compliance back-office',
      Subject: `${detail.provider} ${detail.kind} ${detail.externalId}`,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', fonts.body);
  doc.registerFont('bold', fonts.bold);
  doc.registerFont('mono', fonts.mono);
  // The bundle rides inside the PDF, so one file holds both what a person reads and what a machine checks.
  doc.file(Buffer.from(bundleJson), {
    name: `case-${detail.id}-evidence.json`,
    type: 'application/json',
    description: 'Evidence bundle: check it with `pnpm evidence:verify FILE`',
  });
  const width = doc.page.width - 2 * MARGIN;

  const heading = (text: string) => {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.moveDown(0.8).font('bold').fontSize(13).fillColor('#1a1a1a').text(text, MARGIN, doc.y, { width });
    doc
      .moveTo(MARGIN, doc.y + 2)
      .lineTo(MARGIN + width, doc.y + 2)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    doc.moveDown(0.5).font('body').fontSize(9.5);
  };
  const field = (label: string, value: unknown) => {
    doc
      .font('bold')
      .fontSize(9.5)
      .fillColor('#333333')
      .text(`${label}: `, MARGIN, doc.y, { continued: true, width })
      .font('body')
      .fillColor('#000000')
      .text(show(value));
  };
  const note = (text: string) =>
    doc.font('body').fontSize(8.5).fillColor('#444444').text(text, MARGIN, doc.y, { width });

  // Title and provenance.
  doc.font('bold').fontSize(18).text(`Evidence pack: case #${detail.id}`);
  doc.moveDown(0.3);
  note(
    `Produced ${bundle.exportedAt} by ${bundle.exportedBy.name} (${bundle.exportedBy.role}). ` +
      `Contains personal data: for the regulator or auditor it is addressed to.`,
  );
  doc.moveDown(0.3);
  field('JSON bundle SHA-256', bundleSha256);
  field('Audit chain head at export', `row ${bundle.chainHead.id}, ${bundle.chainHead.hash}`);
  note(
    'The JSON bundle is attached to this PDF; `pnpm evidence:verify FILE` checks its audit rows against the hash chain offline (docs/evidence-pack.md).',
  );

  heading('Case summary');
  field('Provider', `${detail.provider} · ${detail.kind}`);
  field('Provider reference', detail.externalId);
  field('Status', `${detail.status} (provider: ${detail.providerStatus ?? '—'})`);
  field('Risk', `${detail.riskScore ?? '—'} ${detail.riskBand ? `(${detail.riskBand})` : ''}`);
  field('Warnings', detail.warningCount);
  field('Created', detail.createdAt);
  field('Decided', detail.decidedAt ?? 'not decided');
  field('Assignee', detail.assignee?.name ?? 'unassigned');
  if (detail.flag) field('Flag', `${detail.flag.kind}: ${detail.flag.detail}`);

  heading('Subject');
  field('Name', detail.subjectName);
  field('Reference', detail.subjectRef);
  field('Country', detail.subjectCountry);
  field('Document number', detail.documentNumber);

  heading('Scores and thresholds');
  field('Thresholds as of', bundle.thresholds.asOf);
  for (const line of bundle.thresholds.scores) {
    field(line.label, `${line.score ?? '—'}   threshold ${line.threshold ?? '—'} (${line.rule})`);
  }
  note(`Source: ${bundle.thresholds.source}`);

  heading('Images');
  if (images.length === 0) note('This provider sends no images this back-office serves.');
  for (const image of images.filter((candidate) => !candidate.bytes)) {
    field(image.label, image.error ?? 'not available');
  }
  // Two images a row, each fitted into its cell: a document beside its portrait, as on the case page.
  const cell = { width: (width - 16) / 2, height: 170 };
  const shown = images.filter((image) => image.bytes);
  for (let index = 0; index < shown.length; index += 2) {
    if (doc.y > doc.page.height - MARGIN - cell.height - 30) doc.addPage();
    const top = doc.y;
    shown.slice(index, index + 2).forEach((image, column) => {
      const left = MARGIN + column * (cell.width + 16);
      doc.font('bold').fontSize(9).fillColor('#000000').text(image.label, left, top, { width: cell.width });
      try {
        doc.image(Buffer.from(image.bytes as Uint8Array), left, top + 14, { fit: [cell.width, cell.height] });
      } catch {
        doc
          .font('body')
          .text(
            'The image could not be embedded (not a PNG or JPEG the PDF library reads).',
            left,
            top + 14,
            {
              width: cell.width,
            },
          );
      }
    });
    doc.x = MARGIN;
    doc.y = top + cell.height + 22;
  }

  heading('Decision trail');
  if (detail.actions.length === 0) note('No reviewer action on this case.');
  for (const action of [...detail.actions].reverse()) {
    doc
      .font('bold')
      .fontSize(9.5)
      .fillColor('#000000')
      .text(`${action.type} · ${action.status}`, MARGIN, doc.y);
    field('Requested', `${action.requestedAt} by ${action.requestedBy.name}`);
    if (action.reasonLabel || action.reasonCode) field('Reason', action.reasonLabel ?? action.reasonCode);
    if (action.note) field('Note', action.note);
    if (action.approvedBy) field('Approved', `${action.approvedAt ?? '—'} by ${action.approvedBy.name}`);
    for (const decision of action.decisionNotes ?? []) {
      field(
        `Second person (${decision.decision})`,
        `${decision.at} by ${decision.by.name}: ${decision.note}`,
      );
    }
    if (action.resolvedAt) field('Resolved', action.resolvedAt);
    if (action.lastError) field('Last error', action.lastError);
    doc.moveDown(0.4);
  }
  doc.moveDown(0.3).font('bold').fontSize(10).text('Status history', MARGIN, doc.y);
  for (const entry of [...detail.history].reverse()) {
    const who = entry.actorName ?? entry.actorId ?? entry.actorType;
    const change =
      entry.fromStatus || entry.toStatus ? ` ${entry.fromStatus ?? '—'} → ${entry.toStatus ?? '—'}` : '';
    note(`${entry.at}  ${who}  ${entry.action}${change}${entry.reason ? `  (${entry.reason})` : ''}`);
  }

  heading('Provider data');
  const lines = flatten(detail.view, '');
  for (const [path, value] of lines.slice(0, MAX_PROVIDER_FIELDS)) field(path, value);
  if (lines.length > MAX_PROVIDER_FIELDS) {
    note(`${lines.length - MAX_PROVIDER_FIELDS} more fields are in the JSON bundle.`);
  }
  if (detail.comments.length > 0) {
    doc.moveDown(0.3).font('bold').fontSize(10).text('Comments', MARGIN, doc.y);
    for (const comment of detail.comments) field(`${comment.createdAt} ${comment.author.name}`, comment.body);
  }

  heading(`Audit rows (${bundle.auditRows.length})`);
  note(
    'Every row of this case in the append-only audit log, oldest first. Between rows of this case sit rows of ' +
      `other cases: ${bundle.links.reduce((n, link) => n + link.hashes.length, 0)} of them are in the bundle as hashes only.`,
  );
  doc.moveDown(0.3);
  for (const row of bundle.auditRows) auditRow(doc, row, bundle, width);

  // Page numbers last, when the page count is known; the bottom margin is lifted so the footer fits.
  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('body')
      .fontSize(7.5)
      .fillColor('#666666')
      .text(
        `Case #${detail.id} · evidence pack · bundle ${bundleSha256.slice(0, 16)}… · page ${index + 1} of ${range.count}`,
        MARGIN,
        doc.page.height - MARGIN + 16,
        { width, align: 'center', lineBreak: false },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function auditRow(doc: PDFKit.PDFDocument, row: ExportedAuditRow, bundle: EvidenceBundle, width: number) {
  if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
  const actor =
    row.actorType === 'user' && row.actorId
      ? `${bundle.actors[row.actorId]?.name ?? row.actorId} (${row.actorRole ?? bundle.actors[row.actorId]?.role ?? 'user'})`
      : row.actorType;
  doc
    .font('bold')
    .fontSize(8.5)
    .fillColor('#000000')
    .text(`#${row.id}  ${new Date(row.at).toISOString()}  ${row.action}  ·  ${actor}`, MARGIN, doc.y, {
      width,
    });
  const details = [
    row.before ? `before ${truncate(row.before)}` : null,
    row.after ? `after ${truncate(row.after)}` : null,
    row.reason ? `reason ${truncate(row.reason)}` : null,
  ].filter(Boolean);
  if (details.length > 0)
    doc.font('body').fontSize(8).fillColor('#222222').text(details.join('   '), { width });
  doc
    .font('mono')
    .fontSize(7)
    .fillColor('#555555')
    .text(`hash ${row.hash}  prev ${row.prevHash.slice(0, 16)}…`, { width });
  doc.moveDown(0.25);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return truncate(String(value));
}

function truncate(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

/** A provider view as `path: value` lines; lists of plain values on one line. */
function flatten(value: unknown, path: string, out: Array<[string, unknown]> = []): Array<[string, unknown]> {
  if (out.length > MAX_PROVIDER_FIELDS) return out;
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) {
      out.push([path, value.length ? value.join(', ') : null]);
    } else {
      value.forEach((item, index) => {
        flatten(item, `${path}[${index + 1}]`, out);
      });
    }
  } else if (value !== null && typeof value === 'object') {
    const entry = value as Record<string, unknown>;
    // A provider's own {label, value} pair reads as one line under its label.
    if (typeof entry.label === 'string' && 'value' in entry && Object.keys(entry).length === 2) {
      out.push([`${path} ${entry.label}`, entry.value]);
      return out;
    }
    for (const [key, item] of Object.entries(entry)) {
      // The images are printed above; their keys add nothing here.
      if (key === 'media' && !path) continue;
      flatten(item, path ? `${path}.${key}` : key, out);
    }
  } else if (path) {
    out.push([path, value]);
  }
  return out;
}
