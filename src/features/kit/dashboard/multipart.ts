/**
 * Just enough multipart/form-data for one uploaded file (the agency CSV) and its form's CSRF field:
 * no dependency, the whole body is already in memory (size-limited by the raw body parser).
 */

export interface UploadedFile {
  field: string;
  fileName: string;
  content: Buffer;
}

/** The boundary of a multipart Content-Type header, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
  const m = /^multipart\/form-data;.*\bboundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType ?? '');
  return m ? (m[1] ?? m[2]) : null;
}

/** The parts of a multipart body that carry a file name (the files), in order. */
export function filesIn(body: Buffer, boundary: string): UploadedFile[] {
  return partsIn(body, boundary).filter((p): p is UploadedFile => p.fileName !== undefined);
}

/** The text value of a plain (non-file) field, e.g. the form's `_csrf`; undefined when absent. */
export function fieldIn(body: Buffer, boundary: string, name: string): string | undefined {
  const part = partsIn(body, boundary).find((p) => p.field === name && p.fileName === undefined);
  return part?.content.toString('utf8');
}

/** Every part of a multipart body, in order (fileName undefined for plain fields). */
export function partsIn(body: Buffer, boundary: string): { field: string; fileName?: string; content: Buffer }[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const out: { field: string; fileName?: string; content: Buffer }[] = [];
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    const start = pos + delimiter.length;
    // "--" after a delimiter ends the body.
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start + 2, next - 2); // skip the CRLF after the delimiter and before the next
    const headEnd = part.indexOf('\r\n\r\n');
    if (headEnd !== -1) {
      const head = part.subarray(0, headEnd).toString('utf8');
      const disp = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(head)?.[1] ?? '';
      const field = /\bname="([^"]*)"/i.exec(disp)?.[1];
      const fileName = /\bfilename="([^"]*)"/i.exec(disp)?.[1];
      if (field !== undefined) out.push({ field, fileName, content: part.subarray(headEnd + 4) });
    }
    pos = next;
  }
  return out;
}
