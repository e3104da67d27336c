import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import type { Decision } from './decision.js';
import { renderMediaPng } from './media.js';
import type { Session } from './model.js';

const LATIN_FALLBACKS: Record<string, string> = { ł: 'l', Ł: 'L', ı: 'i', đ: 'd', Đ: 'D', ø: 'o', Ø: 'O' };

/** The standard PDF fonts only cover Latin-1; other letters lose their accents rather than break the report. */
function toLatin1(text: string): string {
  return Array.from(text, (char) => {
    const code = char.codePointAt(0)!;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) return char;
    if (LATIN_FALLBACKS[char]) return LATIN_FALLBACKS[char];
    const stripped = char.normalize('NFD').replace(/\p{M}/gu, '');
    return /^[\x20-\x7e\xa0-\xff]+$/.test(stripped) ? stripped : '?';
  }).join('');
}

class ReportWriter {
  private y: number;

  constructor(
    private readonly page: PDFPage,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
  ) {
    this.y = page.getHeight() - 60;
  }

  heading(text: string): void {
    this.y -= 10;
    this.page.drawText(toLatin1(text), {
      x: 50,
      y: this.y,
      size: 13,
      font: this.bold,
      color: rgb(0.1, 0.2, 0.45),
    });
    this.y -= 18;
  }

  line(label: string, value: unknown): void {
    this.page.drawText(toLatin1(label), { x: 50, y: this.y, size: 9, font: this.bold });
    this.page.drawText(toLatin1(value === null || value === undefined ? '-' : String(value)).slice(0, 80), {
      x: 200,
      y: this.y,
      size: 9,
      font: this.font,
    });
    this.y -= 13;
  }

  get cursor(): number {
    return this.y;
  }
}

interface ReportSection {
  status: string;
  warnings: Array<{ risk: string; log_type: string }>;
}

/** A one-page verification report in the spirit of Didit's PDF export. */
export async function renderSessionPdf(
  session: Session,
  decision: Decision,
  generatedAt: Date,
): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.setTitle(`Verification report ${decision.session_id}`);
  document.setProducer('Didit sandbox');
  document.setCreationDate(generatedAt);
  document.setModificationDate(generatedAt);
  const page = document.addPage([595, 842]);
  const font = await document.embedFont(StandardFonts.Helvetica);
  const bold = await document.embedFont(StandardFonts.HelveticaBold);
  const writer = new ReportWriter(page, font, bold);

  page.drawText('Identity verification report', { x: 50, y: 790, size: 18, font: bold });
  writer.heading('Session');
  writer.line('Session ID', decision.session_id);
  writer.line('Session number', decision.session_number);
  writer.line('Status', decision.status);
  writer.line('Workflow', decision.workflow_id);
  writer.line('Vendor data', decision.vendor_data);
  writer.line('Created at', decision.created_at);
  writer.line('Generated at', generatedAt.toISOString());

  const idVerification = decision.id_verifications[0];
  if (idVerification) {
    writer.heading('ID verification');
    writer.line('Full name', idVerification.full_name);
    writer.line('Date of birth', idVerification.date_of_birth);
    writer.line('Document', `${idVerification.document_type} ${idVerification.document_number}`);
    writer.line('Issuing state', idVerification.issuing_state_name);
    writer.line('Expiration date', idVerification.expiration_date);
  }

  const sections: Array<[string, ReportSection | undefined, string?]> = [
    ['ID verification', idVerification],
    ['Liveness', decision.liveness_checks[0], `score ${decision.liveness_checks[0]?.score}`],
    ['Face match', decision.face_matches[0], `score ${decision.face_matches[0]?.score}`],
    ['AML screening', decision.aml_screenings[0], `${decision.aml_screenings[0]?.total_hits} hit(s)`],
    ['IP analysis', decision.ip_analyses[0], decision.ip_analyses[0]?.ip_country],
  ];
  writer.heading('Checks');
  for (const [title, section, detail] of sections) {
    if (!section) continue;
    writer.line(title, `${section.status}${detail ? ` (${detail})` : ''}`);
    for (const warning of section.warnings) writer.line(`  ${warning.log_type}`, warning.risk);
  }

  if (decision.reviews.length > 0) {
    writer.heading('Reviews');
    for (const review of decision.reviews) {
      writer.line(review.created_at, `${review.old_status} -> ${review.new_status} ${review.note}`);
    }
  }

  const person = session.outcome?.person;
  if (person) {
    const portrait = await document.embedPng(
      renderMediaPng('id-portrait', session.personSeed, person.appearance),
    );
    const selfie = await document.embedPng(renderMediaPng('selfie', session.personSeed, person.appearance));
    const top = Math.min(writer.cursor - 20, 300);
    page.drawImage(portrait, { x: 50, y: top - 150, width: 120, height: 150 });
    page.drawImage(selfie, { x: 200, y: top - 150, width: 112, height: 150 });
  }
  return document.save({ useObjectStreams: false });
}
